package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.EUR;
import static io.gridledger.ledger.support.TestTariffs.EVERY_DAY;
import static io.gridledger.ledger.support.TestTariffs.band;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.exampleBlocks;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUse;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static org.assertj.core.api.Assertions.assertThat;

/** How an import delta becomes charged parts. 2025-03-03 is a Monday. */
class ImportPricingTest {

    private static final String DAY = "MON,TUE,WED,THU,FRI 07:00-23:00";
    private static final String NIGHT = "MON,TUE,WED,THU,FRI 23:00-07:00";
    private static final String WEEKEND = "SAT,SUN 00:00-00:00";

    private static ImportCharge part(String label, long wh, String price, String amount) {
        return new ImportCharge(label, wh, new BigDecimal(price), eur(amount));
    }

    private static List<ImportCharge> priceTou(ImportPricing pricing, String fromLocal, String toLocal, long wh) {
        return pricing.price(local(fromLocal), local(toLocal), wh, 0, AMSTERDAM, EUR);
    }

    @Test
    void chargesAQuarterHourAtThePriceOfItsBand() {
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-04T12:00", "2025-03-04T12:15", 1234))
                .containsExactly(part(DAY, 1234, "0.3100", "0.3825"));
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-04T03:00", "2025-03-04T03:15", 1234))
                .containsExactly(part(NIGHT, 1234, "0.2200", "0.2715"));
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-08T12:00", "2025-03-08T12:15", 1234))
                .containsExactly(part(WEEKEND, 1234, "0.2200", "0.2715"));
    }

    @Test
    void aBandStartsAtItsFromTimeInclusive() {
        // (06:45, 07:00] is still night; (07:00, 07:15] is day.
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-04T06:45", "2025-03-04T07:00", 100))
                .extracting(ImportCharge::label).containsExactly(NIGHT);
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-04T07:00", "2025-03-04T07:15", 100))
                .extracting(ImportCharge::label).containsExactly(DAY);
    }

    @Test
    void splitsAGapAcrossBandsInProportionToTime() {
        // Monday 21:00 → Tuesday 08:00: 2 h day, 8 h night, 1 h day (11 h).
        List<ImportCharge> parts = priceTou(exampleTimeOfUse(), "2025-03-03T21:00", "2025-03-04T08:00", 1000);

        assertThat(parts).containsExactly(
                part(DAY, 181, "0.3100", "0.0561"),    // floor(1000 × 2/11)
                part(NIGHT, 727, "0.2200", "0.1599"),  // floor(1000 × 8/11)
                part(DAY, 92, "0.3100", "0.0285"));    // remainder, not round(1000 × 1/11) = 91
        assertThat(parts.stream().mapToLong(ImportCharge::wh).sum()).isEqualTo(1000);
    }

    @Test
    void treatsAWrappingBandAsOneRunAcrossMidnight() {
        // Monday 23:30 → Tuesday 00:30 stays in the weekday night band: one part, not two.
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-03T23:30", "2025-03-04T00:30", 1001))
                .containsExactly(part(NIGHT, 1001, "0.2200", "0.2202"));
    }

    @Test
    void splitsAtMidnightWhereTheNextDayHasAnotherBand() {
        // Friday 23:30 → Saturday 00:30: night band, then weekend band, half an hour each.
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-07T23:30", "2025-03-08T00:30", 1001))
                .containsExactly(
                        part(NIGHT, 500, "0.2200", "0.1100"),
                        part(WEEKEND, 501, "0.2200", "0.1102"));
    }

    @Test
    void splitsByElapsedTimeOnTheShortDstDay() {
        // Every day: 00:00–07:00 at 0.1000, 07:00–24:00 at 0.3000. On Sunday 2025-03-30 clocks jump
        // from 02:00 to 03:00, so Saturday 23:00 → Sunday 08:00 is 8 h: 1 h late, 6 h early, 1 h late.
        ImportPricing pricing = ImportPricing.timeOfUse(List.of(
                band(EVERY_DAY, "00:00", "07:00", "0.1000"),
                band(EVERY_DAY, "07:00", "00:00", "0.3000")));
        String early = "MON,TUE,WED,THU,FRI,SAT,SUN 00:00-07:00";
        String late = "MON,TUE,WED,THU,FRI,SAT,SUN 07:00-00:00";
        Instant from = local("2025-03-29T23:00");
        Instant to = local("2025-03-30T08:00");
        assertThat(Duration.between(from, to)).hasHours(8);

        assertThat(pricing.price(from, to, 8000, 0, AMSTERDAM, EUR)).containsExactly(
                part(late, 1000, "0.3000", "0.3000"),
                part(early, 6000, "0.1000", "0.6000"),
                part(late, 1000, "0.3000", "0.3000"));
    }

    @Test
    void splitsByElapsedTimeOnTheLongDstDay() {
        // On Sunday 2025-10-26 02:00–03:00 happens twice: Saturday 23:00 → Sunday 08:00 is 10 h.
        ImportPricing pricing = ImportPricing.timeOfUse(List.of(
                band(EVERY_DAY, "00:00", "07:00", "0.1000"),
                band(EVERY_DAY, "07:00", "00:00", "0.3000")));

        assertThat(pricing.price(local("2025-10-25T23:00"), local("2025-10-26T08:00"), 10_000, 0, AMSTERDAM, EUR))
                .extracting(ImportCharge::wh).containsExactly(1000L, 8000L, 1000L);
    }

    @Test
    void readsBandsInTheTariffsTimeZone() {
        // 06:30Z is 07:30 in Amsterdam (day band) but still night in UTC.
        Instant from = Instant.parse("2025-03-04T06:15:00Z");
        Instant to = Instant.parse("2025-03-04T06:30:00Z");
        assertThat(exampleTimeOfUse().price(from, to, 100, 0, AMSTERDAM, EUR))
                .extracting(ImportCharge::label).containsExactly(DAY);
        assertThat(exampleTimeOfUse().price(from, to, 100, 0, ZoneOffset.UTC, EUR))
                .extracting(ImportCharge::label).containsExactly(NIGHT);
    }

    @Test
    void splitsADeltaCrossingABlockBoundaryAtTheExactBoundary() {
        List<ImportCharge> parts = exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-10T12:15"),
                20_000, 230_000, AMSTERDAM, EUR);

        assertThat(parts).containsExactly(
                part("block 1 (0-240 kWh)", 10_000, "0.4883", "4.8830"),
                part("block 2 (240-400 kWh)", 10_000, "0.5383", "5.3830"));
    }

    @Test
    void aDeltaCanCrossEveryBlock() {
        List<ImportCharge> parts = exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-20T12:00"),
                500_000, 0, AMSTERDAM, EUR);

        assertThat(parts).containsExactly(
                part("block 1 (0-240 kWh)", 240_000, "0.4883", "117.1920"),
                part("block 2 (240-400 kWh)", 160_000, "0.5383", "86.1280"),
                part("block 3 (above 400 kWh)", 100_000, "0.7883", "78.8300"));
    }

    @Test
    void consumptionAlreadyBeyondTheLastBoundIsPricedInTheOpenBlock() {
        assertThat(exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-10T12:15"), 1000, 450_000,
                AMSTERDAM, EUR)).containsExactly(part("block 3 (above 400 kWh)", 1000, "0.7883", "0.7883"));
    }

    @Test
    void aDeltaEndingExactlyOnABoundStaysInTheLowerBlock() {
        assertThat(exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-10T12:15"), 10_000, 230_000,
                AMSTERDAM, EUR)).containsExactly(part("block 1 (0-240 kWh)", 10_000, "0.4883", "4.8830"));
    }

    @Test
    void aDeltaStartingExactlyOnABoundIsPricedInTheNextBlockOnly() {
        assertThat(exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-10T12:15"), 1_000, 240_000,
                AMSTERDAM, EUR)).containsExactly(part("block 2 (240-400 kWh)", 1_000, "0.5383", "0.5383"));
    }

    @ParameterizedTest(name = "{0} Wh at 0.0100 costs {1}")
    @CsvSource({"5, 0.0000", "15, 0.0002", "25, 0.0002", "35, 0.0004", "1, 0.0000", "1000, 0.0100"})
    void roundsEachPartHalfEvenToFourDecimals(long wh, String amount) {
        List<ImportCharge> parts = flat("0.0100").price(local("2025-03-04T12:00"), local("2025-03-04T12:15"), wh,
                0, AMSTERDAM, EUR);
        assertThat(parts).singleElement().extracting(ImportCharge::amount).isEqualTo(Money.of(amount, "EUR"));
    }

    @Test
    void roundsEveryPartOnItsOwn() {
        // Two parts of 15 Wh at 0.0100 each round up to 0.0002; rounding the 30 Wh total would give 0.0003.
        ImportPricing pricing = ImportPricing.timeOfUse(List.of(
                band(EVERY_DAY, "00:00", "12:00", "0.0100"),
                band(EVERY_DAY, "12:00", "00:00", "0.0100")));
        assertThat(pricing.price(local("2025-03-04T11:00"), local("2025-03-04T13:00"), 30, 0, AMSTERDAM, EUR))
                .extracting(ImportCharge::amount).containsExactly(eur("0.0002"), eur("0.0002"));
    }

    @Test
    void chargesNothingForNoImport() {
        assertThat(priceTou(exampleTimeOfUse(), "2025-03-03T21:00", "2025-03-04T08:00", 0)).isEmpty();
        assertThat(exampleBlocks().price(local("2025-03-10T12:00"), local("2025-03-10T12:15"), 0, 0, AMSTERDAM,
                EUR)).isEmpty();
    }
}
