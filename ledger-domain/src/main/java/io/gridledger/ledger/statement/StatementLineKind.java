package io.gridledger.ledger.statement;

/** What moved the balance; charges are negative amounts, credits positive. */
public enum StatementLineKind {
    TOP_UP,
    DEBT_RECOVERY,
    IMPORT_CHARGE,
    STANDING_CHARGE,
    EXPORT_CREDIT,
    BANK_PAYOUT,
    REACTIVE_CHARGE;

    /** Charges carry tax that the statement shows as contained; payments and debt do not. */
    boolean isTaxedCharge() {
        return this == IMPORT_CHARGE || this == STANDING_CHARGE || this == REACTIVE_CHARGE;
    }
}
