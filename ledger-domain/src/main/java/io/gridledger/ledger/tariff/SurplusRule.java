package io.gridledger.ledger.tariff;

/** What happens to a net-metering kWh bank left when a settlement period closes. */
public enum SurplusRule {
    /** The bank is carried into the next period. */
    CARRY_OVER,
    /** The bank is paid out at the export price and emptied. */
    PAY_AT_EXPORT_PRICE
}
