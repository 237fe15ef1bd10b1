package io.gridledger.ledger.account;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a meter's clock may run ahead of the ledger's: a reading (or event) stamped later than
 * that after it was received is refused, because taking it would block every true reading after it
 * as out of order. The application makes it configurable; 5 minutes unless told otherwise.
 */
public record MeterClockTolerance(Duration maxAhead) {

    public static final MeterClockTolerance DEFAULT = new MeterClockTolerance(Duration.ofMinutes(5));

    public MeterClockTolerance {
        Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("maxAhead must not be negative");
        }
    }
}
