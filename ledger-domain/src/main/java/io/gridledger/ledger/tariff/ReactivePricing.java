package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * A charge on inductive reactive energy for commercial and industrial sites: in a settlement
 * period, the inductive varh (quadrant Q1, drawn while importing) above {@code freeTanPhi × Wh}
 * imported is charged at {@code pricePerKvarh}. The free allowance is rounded up to whole varh, in
 * the customer's favour; the charge is rounded half-even to the ledger's four decimals.
 */
public record ReactivePricing(BigDecimal pricePerKvarh, BigDecimal freeTanPhi) {

    public ReactivePricing {
        ImportPricing.checkPrice(pricePerKvarh, "reactive.pricePerKvarh");
        if (freeTanPhi == null) {
            throw new InvalidTariffException("reactive.freeTanPhi", "is required");
        }
        if (freeTanPhi.signum() < 0) {
            throw new InvalidTariffException("reactive.freeTanPhi", "must not be negative");
        }
        pricePerKvarh = ImportPricing.canonical(pricePerKvarh);
        freeTanPhi = ImportPricing.canonical(freeTanPhi);
    }

    /** The inductive varh that {@code importWh} of active energy may bring without charge. */
    public long freeVarh(long importWh) {
        return freeTanPhi.multiply(BigDecimal.valueOf(importWh)).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public Money charge(long chargedVarh, Currency currency) {
        return Money.rounded(pricePerKvarh.multiply(BigDecimal.valueOf(chargedVarh)).movePointLeft(3), currency);
    }
}
