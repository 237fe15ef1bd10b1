package io.gridledger.ledger.tariff;

/** How exported energy (A−) is settled. */
public enum Netting {
    /** Each export delta is credited to the balance as it arrives, at the export price. */
    NET_BILLING,
    /** Exported Wh go into a kWh bank from which later import is drawn before anything is charged. */
    NET_METERING
}
