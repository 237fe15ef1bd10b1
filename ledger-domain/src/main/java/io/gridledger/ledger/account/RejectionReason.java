package io.gridledger.ledger.account;

/** Why a reading was not accepted. None of them charges anything. */
public enum RejectionReason {
    /** At or before the last accepted reading, at a time already accepted with other values. */
    CONFLICTS_WITH_ACCEPTED,
    /** At or before the last accepted reading, at a time never accepted (late gap fill). */
    OUT_OF_ORDER,
    /** Timestamped before the account was opened. */
    BEFORE_ACCOUNT_OPENED,
    /** Timestamped at or before a meter replacement: the old meter's series is closed. */
    BEFORE_METER_REPLACEMENT,
    /** A cumulative register is lower than last accepted: an anomaly (meter reset, swap or tamper). */
    REGISTER_WENT_BACKWARDS,
    /** No tariff version is valid at the reading's time, so it cannot be priced. */
    NO_TARIFF_IN_FORCE,
    /**
     * Timestamped more than the {@link MeterClockTolerance} after the ledger received it:
     * the meter's clock is wrong. Taking it would block every true reading after it as out of order.
     */
    AHEAD_OF_LEDGER_CLOCK
}
