package io.gridledger.ledger.support;

import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TimeOfUseBand;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.WeeklyWindow;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Tariffs and helpers shared by the domain tests; all times are fixed. */
public final class TestTariffs {

    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    public static final Currency EUR = Currency.getInstance("EUR");
    public static final Instant VALID_FROM = Instant.parse("2025-01-01T00:00:00Z");

    public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    public static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    public static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    /** The example: MON–FRI 07:00–23:00 at 0.3100. */
    public static final TimeOfUseBand WEEKDAY_DAY = band(WEEKDAYS, "07:00", "23:00", "0.3100");
    /** MON–FRI 23:00–07:00 at 0.2200 (wraps around midnight). */
    public static final TimeOfUseBand WEEKDAY_NIGHT = band(WEEKDAYS, "23:00", "07:00", "0.2200");
    /** SAT+SUN whole day at 0.2200. */
    public static final TimeOfUseBand WEEKEND_ALL_DAY = band(WEEKEND, "00:00", "00:00", "0.2200");

    private TestTariffs() {
    }

    public static TimeOfUseBand band(Set<DayOfWeek> days, String from, String to, String price) {
        return new TimeOfUseBand(new WeeklyWindow(days, LocalTime.parse(from), LocalTime.parse(to)),
                new BigDecimal(price));
    }

    public static ImportPricing exampleTimeOfUse() {
        return ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, WEEKDAY_NIGHT, WEEKEND_ALL_DAY));
    }

    /** The graduated blocks: 0–240 kWh 0.4883, 240–400 kWh 0.5383, above 0.7883. */
    public static ImportPricing exampleBlocks() {
        return ImportPricing.blocks(List.of(
                new PriceBlock(240_000L, new BigDecimal("0.4883")),
                new PriceBlock(400_000L, new BigDecimal("0.5383")),
                new PriceBlock(null, new BigDecimal("0.7883"))));
    }

    /** One band covering every moment at {@code price} per kWh. */
    public static ImportPricing flat(String price) {
        return ImportPricing.timeOfUse(List.of(band(EVERY_DAY, "00:00", "00:00", price)));
    }

    public static TariffDefinition tariff(ImportPricing pricing, String standingChargePerDay, Instant validFrom) {
        return new TariffDefinition(EUR, AMSTERDAM, validFrom, new BigDecimal(standingChargePerDay),
                new BigDecimal("21"), pricing, new BigDecimal("0.0700"));
    }

    public static TariffDefinition exampleTimeOfUseTariff() {
        return tariff(exampleTimeOfUse(), "0.2500", VALID_FROM);
    }

    public static TariffDefinition exampleBlockTariff() {
        return tariff(exampleBlocks(), "0.2500", VALID_FROM);
    }

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** An instant given as Amsterdam wall-clock time, e.g. {@code "2025-03-03T10:15"}. */
    public static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant();
    }
}
