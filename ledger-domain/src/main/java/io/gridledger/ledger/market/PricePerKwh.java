package io.gridledger.ledger.market;

import java.math.BigDecimal;

/** The one rule for the market's prices and fees per kWh: 0 to 1000 in the community's currency, at most 4 decimals. */
public final class PricePerKwh {

    static final BigDecimal MAX = BigDecimal.valueOf(1_000);

    private PricePerKwh() {
    }

    public static boolean isValid(BigDecimal price) {
        return price != null && price.signum() >= 0 && price.stripTrailingZeros().scale() <= 4
                && price.compareTo(MAX) <= 0;
    }

    /** {@code price} at scale 4, or an {@link InvalidMarketOrderException} naming {@code field}. */
    public static BigDecimal require(BigDecimal price, String field) {
        if (!isValid(price)) {
            throw new InvalidMarketOrderException(field, field + " is a price per kWh of 0 to 1000 with at most 4 decimals");
        }
        return price.setScale(4);
    }
}
