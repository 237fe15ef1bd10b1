package io.gridledger.ledger.value;

import java.math.BigDecimal;
import java.util.Objects;

/** A percentage between 0 and 100 inclusive, exact (for example {@code 21} or {@code 12.5}). */
public record Percentage(BigDecimal value) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Percentage {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("percentage must be between 0 and 100, was " + value.toPlainString());
        }
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    public static Percentage of(String value) {
        return new Percentage(new BigDecimal(value));
    }

    public static Percentage zero() {
        return new Percentage(BigDecimal.ZERO);
    }

    @Override
    public String toString() {
        return value.toPlainString() + "%";
    }
}
