package io.gridledger.projections.ledger;

/** Kinds of money movement on a prepaid account. Credits are positive, debits negative. */
public enum LedgerEntryType {
    TOP_UP, DEBT_RECOVERY, IMPORT_CHARGE, STANDING_CHARGE, EXPORT_CREDIT, BANK_PAYOUT, REACTIVE_CHARGE,
    TRADE_PURCHASE, TRADE_IMPORT_REFUND, TRADE_SALE, TRADE_EXPORT_REVERSAL, TRADE_IMBALANCE
}
