package io.gridledger.ledger.tariff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One step of a graduated monthly block tariff: consumption in the month up to {@code uptoWh}
 * (exclusive of what earlier blocks took) is priced at {@code pricePerKwh}. The last block has no
 * bound ({@code uptoWh == null}).
 */
public record PriceBlock(Long uptoWh, BigDecimal pricePerKwh) {

    public PriceBlock {
        Objects.requireNonNull(pricePerKwh, "pricePerKwh");
        pricePerKwh = ImportPricing.canonical(pricePerKwh);
    }

    public boolean isOpenEnded() {
        return uptoWh == null;
    }
}
