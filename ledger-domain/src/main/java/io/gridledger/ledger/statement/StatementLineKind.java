package io.gridledger.ledger.statement;

/** What moved the balance; charges are negative amounts, credits positive. */
public enum StatementLineKind {
    TOP_UP,
    DEBT_RECOVERY,
    IMPORT_CHARGE,
    STANDING_CHARGE,
    EXPORT_CREDIT,
    BANK_PAYOUT,
    REACTIVE_CHARGE,
    /** Peer-to-peer energy bought: clearing price plus grid fee for the delivered Wh. */
    TRADE_PURCHASE,
    /** The import charge of energy bought peer-to-peer, given back: it is paid once, at the trade price. */
    TRADE_IMPORT_REFUND,
    /** Peer-to-peer energy sold: clearing price less platform fee for the delivered Wh. */
    TRADE_SALE,
    /** The export credit (or banked kWh) of energy sold peer-to-peer, given back. */
    TRADE_EXPORT_REVERSAL,
    /** Sold energy the seller did not export, at the community's imbalance charge. */
    TRADE_IMBALANCE;

    boolean isTrade() {
        return name().startsWith("TRADE_");
    }

    /** Charges carry tax that the statement shows as contained; payments and debt do not. */
    boolean isTaxedCharge() {
        return this == IMPORT_CHARGE || this == STANDING_CHARGE || this == REACTIVE_CHARGE;
    }
}
