package io.gridledger.api.market;

/** Request bodies of the market API. Decimals are strings (plain notation), energy whole Wh. */
public final class MarketRequests {

    private MarketRequests() {
    }

    /**
     * A community's definition: interval and gate closure in minutes (15 and 5 unless given), fees
     * per kWh in the community's currency (zero unless given).
     */
    public record CommunityRequest(String name, String currency, Integer intervalMinutes, Integer gateClosureMinutes,
                                   String gridFeePerKwh, String platformFeePerKwh, String imbalanceChargePerKwh,
                                   Boolean certifyExport) {
    }

    /**
     * An order for one interval. {@code energyWh} (or {@code energyKwh}, at most 3 decimals) to buy at
     * most at, or sell at least at, {@code limitPricePerKwh} ({@code maxPricePerKwh} for a buy and
     * {@code minPricePerKwh} for a sell are read the same). Without an {@code orderId} one is made.
     * {@code communityId} is optional: it is the meter's community, and must be if given.
     */
    public record OrderRequest(String orderId, String meterId, String communityId, String intervalStart, String side,
                               Long energyWh, String energyKwh, String limitPricePerKwh, String maxPricePerKwh,
                               String minPricePerKwh) {
    }

    /** "Sell all surplus at no less than X" or "buy up to Y Wh per day at no more than Z". */
    public record StandingOrderRequest(String side, String limitPricePerKwh, Long maxWhPerInterval, Long maxWhPerDay) {
    }
}
