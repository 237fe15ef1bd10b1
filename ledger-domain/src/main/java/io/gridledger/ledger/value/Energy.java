package io.gridledger.ledger.value;

/**
 * A non-negative quantity of active energy in whole watt-hours. Registers and deltas are kept as
 * integers; a kWh figure is only ever a presentation of {@code wh / 1000}.
 */
public record Energy(long wh) implements Comparable<Energy> {

    public static final Energy ZERO = new Energy(0);

    public Energy {
        if (wh < 0) {
            throw new IllegalArgumentException("energy must not be negative: " + wh + " Wh");
        }
    }

    public static Energy ofWh(long wh) {
        return new Energy(wh);
    }

    public Energy plus(Energy other) {
        return new Energy(Math.addExact(wh, other.wh));
    }

    @Override
    public int compareTo(Energy other) {
        return Long.compare(wh, other.wh);
    }

    @Override
    public String toString() {
        return wh + " Wh";
    }
}
