package io.gridledger.ledger.community;

import io.gridledger.ledger.market.InvalidMarketOrderException;
import io.gridledger.ledger.market.PricePerKwh;
import io.gridledger.ledger.market.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order a member leaves in place, turned into an order for every interval before its gate closes:
 * "sell all surplus at no less than X" (a SELL without caps) or "buy up to Y Wh per day at no more
 * than Z" (a BUY with {@code maxWhPerDay}). Either may cap the energy per interval
 * ({@code maxWhPerInterval}) or per local day ({@code maxWhPerDay}).
 *
 * <p>How much goes into an interval ({@link #energyFor}): the member's forecast for it — its surplus
 * export when selling, its import when buying — within the caps and what is left of the day's cap.
 * The forecast is persistence (the last measured quarter hour), so a sell order follows the sun and
 * stays out of the night.
 */
public record StandingOrder(Side side, BigDecimal limitPricePerKwh, Long maxWhPerInterval, Long maxWhPerDay) {

    static final long MAX_WH = 1_000_000_000L;

    public StandingOrder {
        Objects.requireNonNull(side, "side");
        limitPricePerKwh = PricePerKwh.require(limitPricePerKwh, "limitPricePerKwh");
        requireCap(maxWhPerInterval, "maxWhPerInterval");
        requireCap(maxWhPerDay, "maxWhPerDay");
        if (side == Side.BUY && maxWhPerDay == null && maxWhPerInterval == null) {
            throw new InvalidMarketOrderException("maxWhPerDay", "a standing buy order says how much it buys at most: "
                    + "give maxWhPerDay or maxWhPerInterval");
        }
    }

    private static void requireCap(Long cap, String field) {
        if (cap != null && (cap <= 0 || cap > MAX_WH)) {
            throw new InvalidMarketOrderException(field, field + " is a whole number of Wh from 1 to " + MAX_WH);
        }
    }

    /**
     * The Wh to offer or bid in one interval (0: no order).
     *
     * @param forecastWh     the member's forecast export (selling) or import (buying) for the interval; null when unknown
     * @param matchedTodayWh what this member's orders were matched for earlier the same local day
     * @param intervalsLeft  intervals left in the local day, this one included (spreads a daily cap without a forecast)
     */
    public long energyFor(Long forecastWh, long matchedTodayWh, int intervalsLeft) {
        long leftToday = maxWhPerDay == null ? Long.MAX_VALUE : Math.max(0, maxWhPerDay - matchedTodayWh);
        long wanted;
        if (forecastWh != null) {
            wanted = Math.max(0, forecastWh);
        } else if (maxWhPerInterval != null) {
            wanted = maxWhPerInterval;
        } else if (maxWhPerDay != null) {
            wanted = (leftToday + Math.max(1, intervalsLeft) - 1) / Math.max(1, intervalsLeft);
        } else {
            wanted = 0;
        }
        if (maxWhPerInterval != null) {
            wanted = Math.min(wanted, maxWhPerInterval);
        }
        return Math.min(wanted, leftToday);
    }
}
