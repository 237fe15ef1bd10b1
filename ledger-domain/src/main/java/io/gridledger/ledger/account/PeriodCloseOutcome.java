package io.gridledger.ledger.account;

/** What a {@link CloseSettlementPeriod} found: closing is idempotent. */
public record PeriodCloseOutcome(Status status, long sequence) {

    public enum Status {
        /** Closed now. */
        CLOSED,
        /** Closed before (by an operator or by its grace time running out). */
        ALREADY_CLOSED,
        /** The period has not begun yet in the account's time zone: nothing changed. */
        NOT_STARTED
    }
}
