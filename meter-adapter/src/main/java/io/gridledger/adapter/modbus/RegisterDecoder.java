package io.gridledger.adapter.modbus;

import java.math.BigDecimal;

/**
 * Turns raw 16-bit register words into exact decimals. A float32 is taken at the decimal its
 * shortest representation names ({@code Float.toString}), so 1234.567 kWh stays 1234.567, not
 * 1234.5670166015625; its resolution is still that of a float (about 8 Wh at 100,000 kWh).
 */
public final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /** The value at {@code offset} of {@code words} (each 0…65535). */
    public static BigDecimal decode(int[] words, int offset, RegisterType type, WordOrder order) {
        if (offset < 0 || offset + type.words() > words.length) {
            throw new IllegalArgumentException("registers " + offset + "…" + (offset + type.words() - 1)
                    + " not in the " + words.length + " read");
        }
        return switch (type) {
            case UINT16 -> BigDecimal.valueOf(words[offset] & 0xFFFF);
            case INT16 -> BigDecimal.valueOf((short) words[offset]);
            case UINT32 -> BigDecimal.valueOf(int32(words, offset, order) & 0xFFFF_FFFFL);
            case INT32 -> BigDecimal.valueOf(int32(words, offset, order));
            case FLOAT32 -> {
                float f = Float.intBitsToFloat(int32(words, offset, order));
                if (Float.isNaN(f) || Float.isInfinite(f)) {
                    throw new IllegalArgumentException("register " + offset + " holds no number (" + f + ")");
                }
                yield new BigDecimal(Float.toString(f));
            }
        };
    }

    private static int int32(int[] words, int offset, WordOrder order) {
        int first = words[offset] & 0xFFFF;
        int second = words[offset + 1] & 0xFFFF;
        return order == WordOrder.HIGH_FIRST ? (first << 16) | second : (second << 16) | first;
    }
}
