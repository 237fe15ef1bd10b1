package io.gridledger.adapter.dlms;

import io.gridledger.ledger.account.RegisterReading;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushed DLMS data notifications (a meter's push setup, e.g. over MQTT or TCP): the general-glo-
 * ciphering envelope ({@code DB} ‖ system title ‖ length ‖ security control ‖ invocation counter ‖
 * cipher text ‖ tag) around a data-notification APDU ({@code 0F} ‖ long-invoke-id-and-priority ‖
 * date-time ‖ body). The body is a structure {clock, A+ Wh, A− Wh} or an array of them (a load-profile
 * push); clocks are COSEM date-times with the deviation applied.
 */
public final class DataNotifications {

    private static final int GENERAL_GLO_CIPHERING = 0xDB;
    private static final int DATA_NOTIFICATION = 0x0F;
    private static final int ARRAY = 0x01;
    private static final int STRUCTURE = 0x02;
    private static final int DOUBLE_LONG_UNSIGNED = 0x06;
    private static final int OCTET_STRING = 0x09;

    /** The envelope's plain parts, read before deciphering. */
    public record Envelope(byte[] systemTitle, byte securityControl, long invocationCounter, byte[] cipherTextAndTag) {
    }

    private DataNotifications() {
    }

    public static Envelope envelope(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        try {
            if ((b.get() & 0xFF) != GENERAL_GLO_CIPHERING) {
                throw new FrameAuthenticationException("not a general-glo-ciphering frame: pushed data must be ciphered");
            }
            byte[] systemTitle = new byte[b.get() & 0xFF];
            b.get(systemTitle);
            int length = length(b);
            if (length != b.remaining() || length < 5 + 12) {
                throw new FrameAuthenticationException("the frame's length does not match its content");
            }
            byte sc = b.get();
            if (sc != DlmsCipher.AUTHENTICATED_AND_ENCRYPTED) {
                throw new FrameAuthenticationException(String.format("security control %02X: pushed data must be "
                        + "authenticated and encrypted (30)", sc));
            }
            long ic = b.getInt() & 0xFFFF_FFFFL;
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            return new Envelope(systemTitle, sc, ic, rest);
        } catch (java.nio.BufferUnderflowException e) {
            throw new FrameAuthenticationException("the frame is cut short");
        }
    }

    /** The readings a deciphered data notification carries. */
    public static List<RegisterReading> readings(byte[] apdu) {
        ByteBuffer b = ByteBuffer.wrap(apdu);
        try {
            if ((b.get() & 0xFF) != DATA_NOTIFICATION) {
                throw new IllegalArgumentException("not a data-notification APDU");
            }
            b.getInt(); // long-invoke-id-and-priority
            int dateTimeLength = b.get() & 0xFF;
            b.position(b.position() + dateTimeLength);
            int tag = b.get() & 0xFF;
            List<RegisterReading> out = new ArrayList<>();
            if (tag == ARRAY) {
                int n = length(b);
                for (int i = 0; i < n; i++) {
                    expect(b, STRUCTURE);
                    out.add(entry(b));
                }
            } else if (tag == STRUCTURE) {
                out.add(entry(b));
            } else {
                throw new IllegalArgumentException("the notification body is neither a structure nor an array");
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the notification is cut short");
        }
    }

    /** A meter's data notification of readings (for simulators and tests), enciphered with its keys. */
    public static byte[] frame(byte[] systemTitle, long invocationCounter, List<RegisterReading> readings,
                               byte[] encryptionKey, byte[] authenticationKey) {
        ByteArrayOutputStream apdu = new ByteArrayOutputStream();
        apdu.write(DATA_NOTIFICATION);
        apdu.writeBytes(new byte[] {0, 0, 0, 1});
        apdu.write(0); // no date-time
        apdu.write(ARRAY);
        writeLength(apdu, readings.size());
        for (RegisterReading r : readings) {
            apdu.write(STRUCTURE);
            apdu.write(3);
            apdu.write(OCTET_STRING);
            apdu.write(12);
            apdu.writeBytes(dateTime(r.at()));
            apdu.write(DOUBLE_LONG_UNSIGNED);
            apdu.writeBytes(ByteBuffer.allocate(4).putInt((int) r.activeImportWh()).array());
            apdu.write(DOUBLE_LONG_UNSIGNED);
            apdu.writeBytes(ByteBuffer.allocate(4).putInt(r.activeExportWh() == null ? 0
                    : r.activeExportWh().intValue()).array());
        }
        byte[] ciphered = DlmsCipher.encrypt(systemTitle, DlmsCipher.AUTHENTICATED_AND_ENCRYPTED, invocationCounter,
                apdu.toByteArray(), encryptionKey, authenticationKey);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(GENERAL_GLO_CIPHERING);
        frame.write(systemTitle.length);
        frame.writeBytes(systemTitle);
        writeLength(frame, 5 + ciphered.length);
        frame.write(DlmsCipher.AUTHENTICATED_AND_ENCRYPTED);
        frame.writeBytes(ByteBuffer.allocate(4).putInt((int) invocationCounter).array());
        frame.writeBytes(ciphered);
        return frame.toByteArray();
    }

    private static RegisterReading entry(ByteBuffer b) {
        int n = b.get() & 0xFF;
        if (n < 2) {
            throw new IllegalArgumentException("an entry needs a clock and A+");
        }
        expect(b, OCTET_STRING);
        byte[] clock = new byte[b.get() & 0xFF];
        b.get(clock);
        expect(b, DOUBLE_LONG_UNSIGNED);
        long imp = b.getInt() & 0xFFFF_FFFFL;
        Long exp = null;
        if (n >= 3) {
            expect(b, DOUBLE_LONG_UNSIGNED);
            exp = b.getInt() & 0xFFFF_FFFFL;
        }
        return RegisterReading.of(instant(clock), imp, exp);
    }

    /**
     * A COSEM date-time octet string (year(2) month day weekday hour minute second hundredths
     * deviation(2) status) as an instant; the deviation is applied. The one decoder for pushes and
     * load-profile buffers alike.
     */
    public static Instant instant(byte[] c) {
        if (c.length != 12) {
            throw new IllegalArgumentException("a COSEM date-time has 12 bytes, not " + c.length);
        }
        ByteBuffer b = ByteBuffer.wrap(c);
        int year = b.getShort() & 0xFFFF;
        int month = b.get();
        int day = b.get();
        b.get();
        int hour = b.get();
        int minute = b.get();
        int second = b.get();
        b.get();
        short deviation = b.getShort();
        Instant local = LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        // deviation: minutes from local time to UTC; 0x8000 = not specified (the meter keeps UTC)
        return deviation == (short) 0x8000 ? local : local.plusSeconds(60L * deviation);
    }

    /** The COSEM date-time octet string of {@code at}, in UTC (deviation 0). */
    public static byte[] dateTime(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return ByteBuffer.allocate(12).putShort((short) t.getYear()).put((byte) t.getMonthValue())
                .put((byte) t.getDayOfMonth()).put((byte) t.getDayOfWeek().getValue()).put((byte) t.getHour())
                .put((byte) t.getMinute()).put((byte) t.getSecond()).put((byte) 0).putShort((short) 0).put((byte) 0)
                .array();
    }

    private static void expect(ByteBuffer b, int tag) {
        int actual = b.get() & 0xFF;
        if (actual != tag) {
            throw new IllegalArgumentException(String.format("expected data type %02X, found %02X", tag, actual));
        }
    }

    private static int length(ByteBuffer b) {
        int first = b.get() & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7F;
        if (n > 3) {
            throw new FrameAuthenticationException("a length of " + n + " bytes");
        }
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = (length << 8) | (b.get() & 0xFF);
        }
        return length;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        }
    }

}
