package io.gridledger.projections.market;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The market's read models as the API shows them. Prices per kWh and money are decimal strings (four
 * decimals, never a binary floating-point number in a client); energy in whole Wh.
 */
public final class MarketViews {

    private MarketViews() {
    }

    public record Community(String communityId, String retailerId, String name, String currency, int intervalMinutes,
                            int gateClosureMinutes, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gridFeePerKwh, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal platformFeePerKwh,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal imbalanceChargePerKwh, boolean certifyExport, long members,
                            Instant definedAt, Instant updatedAt) {
    }

    public record StandingOrder(String side, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limitPricePerKwh, Long maxWhPerInterval, Long maxWhPerDay,
                                Instant setAt) {
    }

    public record Member(String meterId, String communityId, Instant joinedAt, StandingOrder standingOrder) {
    }

    public record Order(String orderId, String communityId, Instant intervalStart, String meterId, String side,
                        long energyWh, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limitPricePerKwh, long sequence, String status, long matchedWh,
                        Instant placedAt, Instant cancelledAt) {
    }

    public record Trade(String tradeId, String communityId, Instant intervalStart, Instant intervalEnd, String currency,
                        String buyerMeterId, String sellerMeterId, String buyOrderId, String sellOrderId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal pricePerKwh, long matchedWh, String status, Long deliveredWh, Long sellerShortWh,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gridFee, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal platformFee, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal buyerPays,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sellerReceives, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal buyerTariffRefund, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal sellerExportReversal,
                        Long sellerBankWithdrawnWh, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal imbalanceCharge, Boolean readingsMissing,
                        Instant settledAt) {
    }

    public record Interval(String communityId, Instant intervalStart, Instant intervalEnd, Instant gateClosureAt,
                           String currency, String status, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal clearingPricePerKwh, long volumeWh,
                           int tradeCount, Long deliveredWh, List<String> unmeasured, Instant clearedAt,
                           Instant settledAt, List<Order> orders, List<Trade> trades) {
    }

    public record Certificate(String certificateId, String communityId, String sourceMeterId, String technology,
                              Instant periodStart, Instant periodEnd, long wh, String ownerMeterId, String status,
                              Instant issuedAt, Instant retiredAt, String tradeId) {
    }

    /** A settled trade with a side not yet booked on its account, with what booking it needs. */
    public record UnbookedTrade(String tradeId, Instant intervalStart, Instant intervalEnd, String currency,
                                String buyerMeterId, String sellerMeterId, long matchedWh, long deliveredWh,
                                BigDecimal value, BigDecimal buyerPays, BigDecimal buyerTariffRefund,
                                BigDecimal sellerReceives, BigDecimal sellerExportReversal, long sellerBankWithdrawnWh,
                                BigDecimal imbalanceCharge, boolean buyerBooked, boolean sellerBooked) {
    }

    /** An interval to act on: its book's gate has closed, or it has ended and waits for settlement. */
    public record DueInterval(String communityId, Instant intervalStart, Instant intervalEnd) {
    }
}
