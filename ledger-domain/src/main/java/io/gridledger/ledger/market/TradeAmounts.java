package io.gridledger.ledger.market;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The money of delivered traded energy. Each part is rounded once, half-even to {@link Money#SCALE}
 * decimals, from its per-kWh price × Wh / 1000: the energy's value at the clearing price, the grid
 * fee and the platform fee. The buyer pays value + grid fee, the seller receives value − platform
 * fee, so buyers' money = sellers' money + fees, exactly, for every trade.
 */
public record TradeAmounts(Money value, Money gridFee, Money platformFee) {

    public TradeAmounts {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gridFee, "gridFee");
        Objects.requireNonNull(platformFee, "platformFee");
    }

    public static TradeAmounts of(BigDecimal clearingPricePerKwh, long deliveredWh, BigDecimal gridFeePerKwh,
                                  BigDecimal platformFeePerKwh, Currency currency) {
        if (deliveredWh < 0) {
            throw new IllegalArgumentException("delivered energy cannot be negative");
        }
        return new TradeAmounts(amount(clearingPricePerKwh, deliveredWh, currency),
                amount(gridFeePerKwh, deliveredWh, currency), amount(platformFeePerKwh, deliveredWh, currency));
    }

    private static Money amount(BigDecimal perKwh, long wh, Currency currency) {
        return Money.rounded(perKwh.multiply(BigDecimal.valueOf(wh)).movePointLeft(3), currency);
    }

    public Money buyerPays() {
        return value.plus(gridFee);
    }

    public Money sellerReceives() {
        return value.minus(platformFee);
    }

    public Money fees() {
        return gridFee.plus(platformFee);
    }
}
