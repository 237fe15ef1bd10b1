package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.TariffId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TariffHistoryTest {

    private static final TariffId ID = new TariffId("flat");
    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");

    private static TariffVersion version(int number, Instant validFrom, String price) {
        return new TariffVersion(number, tariff(flat(price), "0.2500", validFrom), validFrom);
    }

    @Test
    void usesTheVersionValidAtTheInstant() {
        TariffHistory history = new TariffHistory(ID, List.of(version(1, JAN, "0.30"), version(2, MAR, "0.40")));

        assertThat(history.versionAt(MAR.minusMillis(1))).get().extracting(TariffVersion::version).isEqualTo(1);
        assertThat(history.versionAt(MAR)).get().extracting(TariffVersion::version).isEqualTo(2);
        assertThat(history.latest().version()).isEqualTo(2);
    }

    @Test
    void hasNoVersionBeforeTheFirstValidFrom() {
        TariffHistory history = new TariffHistory(ID, List.of(version(1, FEB, "0.30")));
        assertThat(history.versionAt(JAN)).isEmpty();
    }

    @Test
    void aRetroactiveVersionAppliesOnlyUntilTheNextValidFrom() {
        // v3 was defined last but is valid from February, between v1 (January) and v2 (March).
        TariffHistory history = new TariffHistory(ID, List.of(version(1, JAN, "0.30"), version(2, MAR, "0.40"),
                version(3, FEB, "0.35")));

        assertThat(history.versionAt(Instant.parse("2025-02-15T00:00:00Z"))).get()
                .extracting(TariffVersion::version).isEqualTo(3);
        assertThat(history.versionAt(Instant.parse("2025-03-15T00:00:00Z"))).get()
                .extracting(TariffVersion::version).isEqualTo(2);
    }

    @Test
    void ofTwoVersionsWithTheSameValidFromTheLaterDefinedWins() {
        TariffHistory history = new TariffHistory(ID, List.of(version(1, JAN, "0.30"), version(2, JAN, "0.31")));
        assertThat(history.versionAt(FEB)).get().extracting(TariffVersion::version).isEqualTo(2);
    }

    @Test
    void needsAtLeastOneVersion() {
        assertThatThrownBy(() -> new TariffHistory(ID, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsConsumptionTowardTheMonthInTheTariffsTimeZone() {
        TariffDefinition amsterdam = tariff(flat("0.30"), "0.25", JAN);
        // 22:30Z on 31 March is 00:30 on 1 April in Amsterdam.
        assertThat(amsterdam.consumptionMonth(Instant.parse("2025-03-31T22:30:00Z"))).isEqualTo(YearMonth.of(2025, 4));
        assertThat(amsterdam.consumptionMonth(Instant.parse("2025-03-31T21:59:59Z"))).isEqualTo(YearMonth.of(2025, 3));
    }

    @Test
    void roundsTheDailyStandingChargeHalfEven() {
        assertThat(tariff(flat("0.30"), "0.123450", JAN).standingCharge()).isEqualTo(eur("0.1234"));
        assertThat(tariff(flat("0.30"), "0.123550", JAN).standingCharge()).isEqualTo(eur("0.1236"));
    }

    @Test
    void namesTheMissingOrInvalidField() {
        assertThat(catchThrowableOfType(InvalidTariffException.class,
                () -> tariff(flat("0.30"), "-0.01", JAN)).field()).isEqualTo("standingChargePerDay");
        assertThat(catchThrowableOfType(InvalidTariffException.class,
                () -> tariff(flat("0.30"), "0.25", null)).field()).isEqualTo("validFrom");
        assertThat(catchThrowableOfType(InvalidTariffException.class,
                () -> tariff(null, "0.25", JAN)).field()).isEqualTo("import");
    }
}
