package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * One version of a tariff. All prices are gross (tax included) in {@code currency} per kWh, kvarh
 * or day; {@code taxPercent} says how much of each gross amount is tax. Band times and block months
 * are read in {@code timezone}. The version applies to readings and days from {@code validFrom}.
 * Export is settled by {@code netting} ({@link Netting#NET_BILLING} unless given); {@code surplus}
 * says what a net-metering bank does at period close ({@link SurplusRule#CARRY_OVER} unless given);
 * {@code reactive} is {@code null} when reactive energy is not charged.
 */
public record TariffDefinition(
        Currency currency,
        ZoneId timezone,
        Instant validFrom,
        BigDecimal standingChargePerDay,
        BigDecimal taxPercent,
        ImportPricing importPricing,
        BigDecimal exportPricePerKwh,
        Netting netting,
        SurplusRule surplus,
        ReactivePricing reactive) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public TariffDefinition {
        require(currency, "currency");
        require(timezone, "timezone");
        require(validFrom, "validFrom");
        require(importPricing, "import");
        ImportPricing.checkPrice(standingChargePerDay, "standingChargePerDay");
        ImportPricing.checkPrice(exportPricePerKwh, "export.pricePerKwh");
        require(taxPercent, "taxPercent");
        netting = netting == null ? Netting.NET_BILLING : netting;
        surplus = surplus == null ? SurplusRule.CARRY_OVER : surplus;
        standingChargePerDay = ImportPricing.canonical(standingChargePerDay);
        exportPricePerKwh = ImportPricing.canonical(exportPricePerKwh);
        taxPercent = taxPercent.stripTrailingZeros().scale() < 0
                ? taxPercent.setScale(0) : taxPercent.stripTrailingZeros();
        if (taxPercent.signum() < 0 || taxPercent.compareTo(HUNDRED) > 0) {
            throw new InvalidTariffException("taxPercent", "must be between 0 and 100");
        }
    }

    /** A net-billing version without reactive charges. */
    public TariffDefinition(Currency currency, ZoneId timezone, Instant validFrom, BigDecimal standingChargePerDay,
                            BigDecimal taxPercent, ImportPricing importPricing, BigDecimal exportPricePerKwh) {
        this(currency, timezone, validFrom, standingChargePerDay, taxPercent, importPricing, exportPricePerKwh,
                Netting.NET_BILLING, SurplusRule.CARRY_OVER, null);
    }

    public TariffDefinition withNetting(Netting netting, SurplusRule surplus) {
        return new TariffDefinition(currency, timezone, validFrom, standingChargePerDay, taxPercent, importPricing,
                exportPricePerKwh, netting, surplus, reactive);
    }

    public TariffDefinition withReactive(ReactivePricing reactive) {
        return new TariffDefinition(currency, timezone, validFrom, standingChargePerDay, taxPercent, importPricing,
                exportPricePerKwh, netting, surplus, reactive);
    }

    /** What {@code wh} exported earns: {@code round_half_even(wh × export price / 1000, 4)}, as for import. */
    public Money exportCredit(long wh) {
        return Money.rounded(BigDecimal.valueOf(wh).multiply(exportPricePerKwh).movePointLeft(3), currency);
    }

    /** The tax contained in a gross amount: {@code gross × t / (100 + t)}, rounded half-even to four decimals. */
    public Money taxContainedIn(Money gross) {
        return Money.rounded(gross.amount().multiply(taxPercent)
                .divide(HUNDRED.add(taxPercent), Money.SCALE, Money.ROUNDING), currency);
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
