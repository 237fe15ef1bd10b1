package io.gridledger.ledger.tariff;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.gridledger.ledger.support.TestTariffs.EVERY_DAY;
import static io.gridledger.ledger.support.TestTariffs.WEEKDAYS;
import static io.gridledger.ledger.support.TestTariffs.WEEKDAY_DAY;
import static io.gridledger.ledger.support.TestTariffs.WEEKDAY_NIGHT;
import static io.gridledger.ledger.support.TestTariffs.WEEKEND_ALL_DAY;
import static io.gridledger.ledger.support.TestTariffs.band;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which import pricings a tariff may carry, and which field an error names. */
class TimeOfUseValidationTest {

    private static InvalidTariffException rejection(Runnable build) {
        InvalidTariffException e = catchThrowableOfType(InvalidTariffException.class, build::run);
        assertThat(e).as("expected an InvalidTariffException").isNotNull();
        return e;
    }

    @Test
    void acceptsTheWeekdayNightAndWeekendExample() {
        assertThatCode(() -> exampleTimeOfUse()).doesNotThrowAnyException();
    }

    @Test
    void rejectsOverlappingBandsNamingTheOverlappingBand() {
        var lateNight = band(WEEKDAYS, "22:00", "07:00", "0.2200");
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, lateNight,
                WEEKEND_ALL_DAY)));
        assertThat(e.field()).isEqualTo("import.timeOfUse[1]");
        assertThat(e.reason()).contains("overlaps").contains("MONDAY").contains("22:00");
    }

    @Test
    void rejectsABandNestedInsideAnother() {
        var peak = band(WEEKDAYS, "17:00", "19:00", "0.4000");
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, WEEKDAY_NIGHT,
                WEEKEND_ALL_DAY, peak)));
        assertThat(e.field()).isEqualTo("import.timeOfUse[3]");
    }

    @Test
    void rejectsBandsThatLeaveAWholeDayUncovered() {
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, WEEKDAY_NIGHT)));
        assertThat(e.field()).isEqualTo("import.timeOfUse");
        assertThat(e.reason()).contains("gap").contains("SATURDAY");
    }

    @Test
    void rejectsBandsThatLeaveAnHourUncovered() {
        var shortNight = band(WEEKDAYS, "23:00", "06:00", "0.2200");
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, shortNight,
                WEEKEND_ALL_DAY)));
        assertThat(e.field()).isEqualTo("import.timeOfUse");
        assertThat(e.reason()).contains("MONDAY from 06:00 to 07:00");
    }

    @Test
    void rejectsAGapBeforeMidnight() {
        var day = band(EVERY_DAY, "00:00", "23:00", "0.3000");
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(day)));
        assertThat(e.field()).isEqualTo("import.timeOfUse");
        assertThat(e.reason()).contains("23:00 to 24:00");
    }

    @Test
    void rejectsANegativeBandPriceNamingIt() {
        var negative = band(WEEKEND_ALL_DAY.window().days(), "00:00", "00:00", "-0.0100");
        InvalidTariffException e = rejection(() -> ImportPricing.timeOfUse(List.of(WEEKDAY_DAY, WEEKDAY_NIGHT,
                negative)));
        assertThat(e.field()).isEqualTo("import.timeOfUse[2].pricePerKwh");
    }

    @Test
    void acceptsTheGraduatedBlockExample() {
        ImportPricing blocks = ImportPricing.blocks(List.of(
                new PriceBlock(240_000L, new BigDecimal("0.4883")),
                new PriceBlock(400_000L, new BigDecimal("0.5383")),
                new PriceBlock(null, new BigDecimal("0.7883"))));
        assertThat(blocks.isBlockPricing()).isTrue();
    }

    @Test
    void rejectsBlocksWhoseLastBlockHasABound() {
        InvalidTariffException e = rejection(() -> ImportPricing.blocks(List.of(
                new PriceBlock(240_000L, new BigDecimal("0.4883")),
                new PriceBlock(400_000L, new BigDecimal("0.5383")))));
        assertThat(e.field()).isEqualTo("import.blocks[1].uptoKwh");
    }

    @Test
    void rejectsAnOpenEndedBlockBeforeTheLast() {
        InvalidTariffException e = rejection(() -> ImportPricing.blocks(List.of(
                new PriceBlock(null, new BigDecimal("0.4883")),
                new PriceBlock(null, new BigDecimal("0.5383")))));
        assertThat(e.field()).isEqualTo("import.blocks[0].uptoKwh");
    }

    @Test
    void rejectsBoundsThatDoNotIncrease() {
        InvalidTariffException e = rejection(() -> ImportPricing.blocks(List.of(
                new PriceBlock(240_000L, new BigDecimal("0.4883")),
                new PriceBlock(240_000L, new BigDecimal("0.5383")),
                new PriceBlock(null, new BigDecimal("0.7883")))));
        assertThat(e.field()).isEqualTo("import.blocks[1].uptoKwh");
        InvalidTariffException zero = rejection(() -> ImportPricing.blocks(List.of(
                new PriceBlock(0L, new BigDecimal("0.4883")),
                new PriceBlock(null, new BigDecimal("0.7883")))));
        assertThat(zero.field()).isEqualTo("import.blocks[0].uptoKwh");
    }

    @Test
    void requiresExactlyOneKindOfImportPricing() {
        assertThat(rejection(() -> new ImportPricing(null, null)).field()).isEqualTo("import");
        assertThat(rejection(() -> new ImportPricing(List.of(WEEKDAY_DAY, WEEKDAY_NIGHT, WEEKEND_ALL_DAY),
                List.of(new PriceBlock(null, new BigDecimal("0.5"))))).field()).isEqualTo("import");
    }
}
