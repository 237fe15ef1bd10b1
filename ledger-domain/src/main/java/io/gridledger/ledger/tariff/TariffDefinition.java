package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * One version of a tariff. All prices are gross (tax included) in {@code currency} per kWh or per
 * day; {@code taxPercent} says how much of each gross amount is tax. Band times and block months
 * are read in {@code timezone}. The version applies to readings and days from {@code validFrom}.
 */
public record TariffDefinition(
        Currency currency,
        ZoneId timezone,
        Instant validFrom,
        BigDecimal standingChargePerDay,
        BigDecimal taxPercent,
        ImportPricing importPricing,
        BigDecimal exportPricePerKwh) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public TariffDefinition {
        require(currency, "currency");
        require(timezone, "timezone");
        require(validFrom, "validFrom");
        require(importPricing, "import");
        ImportPricing.checkPrice(standingChargePerDay, "standingChargePerDay");
        ImportPricing.checkPrice(exportPricePerKwh, "export.pricePerKwh");
        require(taxPercent, "taxPercent");
        standingChargePerDay = ImportPricing.canonical(standingChargePerDay);
        exportPricePerKwh = ImportPricing.canonical(exportPricePerKwh);
        taxPercent = taxPercent.stripTrailingZeros().scale() < 0
                ? taxPercent.setScale(0) : taxPercent.stripTrailingZeros();
        if (taxPercent.signum() < 0 || taxPercent.compareTo(HUNDRED) > 0) {
            throw new InvalidTariffException("taxPercent", "must be between 0 and 100");
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidTariffException(field, "is required");
        }
    }

    /** The charge for one local calendar day, rounded half-even to the ledger's four decimals. */
    public Money standingCharge() {
        return Money.rounded(standingChargePerDay, currency);
    }

    /** The calendar month, in the tariff's time zone, toward which consumption read at {@code at} counts. */
    public YearMonth consumptionMonth(Instant at) {
        return YearMonth.from(at.atZone(timezone));
    }

    public boolean sameCurrencyAs(TariffDefinition other) {
        return Objects.equals(currency, other.currency);
    }
}
