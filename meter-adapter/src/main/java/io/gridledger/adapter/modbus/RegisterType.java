package io.gridledger.adapter.modbus;

/** How a value is laid out in 16-bit Modbus registers. */
public enum RegisterType {
    UINT16(1), INT16(1), UINT32(2), INT32(2), FLOAT32(2);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    public int words() {
        return words;
    }
}
