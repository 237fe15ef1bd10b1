package io.gridledger.projections.settlement;

/**
 * What a settlement fact counts. Money kinds carry a positive {@code amount} (a charge or a credit
 * by its kind) and a quantity where one applies; the others carry only a quantity.
 */
public enum SettlementFactKind {
    /** Payments received; quantity: number of payments. */
    TOP_UP,
    DEBT_RECOVERED,
    EMERGENCY_CREDIT_REPAID,
    /** Per band or block ({@code label}); quantity: charged Wh. */
    IMPORT_CHARGE,
    /** Quantity: days. */
    STANDING_CHARGE,
    /** Net billing; quantity: exported Wh credited. */
    EXPORT_CREDIT,
    /** Net metering at period close; quantity: Wh paid out. */
    BANK_PAYOUT,
    /** Quantity: charged varh. */
    REACTIVE_CHARGE,
    IMPORT_WH,
    EXPORT_WH,
    BANK_DEPOSIT_WH,
    BANK_DRAW_WH,
    /** Intervals of the period that arrived after it closed. */
    LATE_INTERVALS,
    READINGS_REJECTED,
    /** Supply switched off (confirmed by the meter). */
    DISCONNECTIONS,
    /** Seconds without supply within the period, for disconnections that have ended. */
    DISCONNECTED_SECONDS,
    /** Disconnections deferred; {@code label}: the reason (friendly period, vulnerable customer). */
    DEFERRALS,
    /** Peer-to-peer energy delivered, at the clearing price (buyers' side); quantity: delivered Wh. */
    TRADE_VALUE,
    /** Grid fees buyers paid on delivered traded energy; quantity: delivered Wh. */
    TRADE_GRID_FEES,
    /** Platform fees taken from sellers; quantity: delivered Wh. */
    TRADE_PLATFORM_FEES,
    /** Import charges given back to buyers for traded energy; quantity: Wh. */
    TRADE_IMPORT_REFUNDS,
    /** Export credits (and bank kWh at the export price) given back by sellers; quantity: Wh. */
    TRADE_EXPORT_REVERSALS,
    /** Imbalance charges of sellers. */
    TRADE_IMBALANCE,
    /** Matched Wh that were not delivered (buyers' side). */
    TRADE_UNDELIVERED_WH
}
