package io.gridledger.ledger.account;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.charge;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.reading;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.EventAssertions.payloadsSatisfy;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.exampleBlockTariff;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUseTariff;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/** What an accepted delivery charges. The account opens Monday 2025-03-03 09:00 and is topped up by 20. */
class MeterReadingChargingTest {

    private static final String DAY = "MON,TUE,WED,THU,FRI 07:00-23:00";
    private static final String NIGHT = "MON,TUE,WED,THU,FRI 23:00-07:00";
    private static final String FLAT = "MON,TUE,WED,THU,FRI,SAT,SUN 00:00-00:00";
    private static final YearMonth MARCH = YearMonth.of(2025, 3);
    private static final Instant TOPPED_UP = OPENED.plusSeconds(60);

    @Test
    void theFirstReadingIsABaselineAndChargesNothing() {
        RegisterReading baseline = reading("2025-03-03T10:00", 1_000_000);
        Instant received = local("2025-03-03T10:01");

        fixtureWith(exampleTimeOfUseTariff())
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP))
                .when(delivery(received, baseline))
                .expectEvents(new MeterReadingsRecorded(METER,
                        List.of(new AcceptedInterval(baseline, null, 0, 0, null, null, List.of(), null, null, 0, 0, null)),
                        eur("0"), eur("0"), eur("20"), 0, YearMonth.of(2025, 3), received))
                .expectResultMessagePayload(new ReadingsOutcome(1, 0, 0, 3));
    }

    @Test
    void chargesTheImportSinceThePreviousReadingAtItsBandPrice() {
        RegisterReading next = RegisterReading.of(local("2025-03-03T10:15"), 1_001_234, 5_010L);
        Instant received = local("2025-03-03T10:16");

        fixtureWith(exampleTimeOfUseTariff())
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        delivery(RegisterReading.of(local("2025-03-03T10:00"), 1_000_000, 5_000L)))
                .when(delivery(received, next))
                .expectEvents(new MeterReadingsRecorded(METER,
                        List.of(new AcceptedInterval(next, local("2025-03-03T10:00"), 1234, 10, 1, MARCH,
                                List.of(charge(DAY, 1234, "0.3100", "0.3825")), YearMonth.of(2025, 3), eur("0.0007"), 0, 0, null)),
                        eur("0.3825"), eur("0.0007"), eur("19.6182"), 0, YearMonth.of(2025, 3), received));
    }

    @Test
    void splitsAGapInTheDataAcrossBandsInProportionToTime() {
        // Monday 21:00 → Tuesday 08:00 is 2 h day, 8 h night, 1 h day; Tuesday's standing charge is due first.
        RegisterReading tuesday = reading("2025-03-04T08:00", 1_001_000);
        Instant received = local("2025-03-04T08:01");

        fixtureWith(exampleTimeOfUseTariff())
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        delivery(reading("2025-03-03T21:00", 1_000_000)))
                .when(delivery(received, tuesday))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"),
                                eur("19.75"), received),
                        new MeterReadingsRecorded(METER,
                                List.of(new AcceptedInterval(tuesday, local("2025-03-03T21:00"), 1000, 0, 1, MARCH,
                                        List.of(charge(DAY, 181, "0.3100", "0.0561"),
                                                charge(NIGHT, 727, "0.2200", "0.1599"),
                                                charge(DAY, 92, "0.3100", "0.0285")), YearMonth.of(2025, 3), null, 0, 0, null)),
                                eur("0.2445"), eur("0"), eur("19.5055"), 0, YearMonth.of(2025, 3), received));
    }

    @Test
    void recordsEveryAcceptedReadingOfADeliveryInOneEventInTimeOrder() {
        fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        delivery(reading("2025-03-03T10:00", 0)))
                .when(delivery(local("2025-03-03T11:01"),
                        reading("2025-03-03T10:45", 3_000),
                        reading("2025-03-03T10:15", 1_000),
                        reading("2025-03-03T11:00", 3_500),
                        reading("2025-03-03T10:30", 1_200)))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events).singleElement().isInstanceOf(MeterReadingsRecorded.class);
                    MeterReadingsRecorded recorded = (MeterReadingsRecorded) events.get(0);
                    assertThat(recorded.intervals()).extracting(i -> i.reading().at()).containsExactly(
                            local("2025-03-03T10:15"), local("2025-03-03T10:30"), local("2025-03-03T10:45"),
                            local("2025-03-03T11:00"));
                    assertThat(recorded.intervals()).extracting(AcceptedInterval::importWh)
                            .containsExactly(1_000L, 200L, 1_800L, 500L);
                    assertThat(recorded.charged()).isEqualTo(eur("3.5000"));
                    assertThat(recorded.balanceAfter()).isEqualTo(eur("16.5000"));
                }))
                .expectResultMessagePayload(new ReadingsOutcome(4, 0, 0, 4));
    }

    @Test
    void pricesEachReadingWithTheTariffVersionValidAtItsTime() {
        // Version 2 doubles the price and raises the standing charge from Tuesday 00:00.
        var v1 = tariff(flat("1.0000"), "0.2500", VALID_FROM);
        var v2 = tariff(flat("2.0000"), "0.4000", local("2025-03-04T00:00"));
        RegisterReading monday = reading("2025-03-03T23:00", 1_000);
        RegisterReading tuesday = reading("2025-03-04T01:00", 2_000);
        Instant received = local("2025-03-04T01:01");

        fixtureWith(v1, v2)
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        delivery(reading("2025-03-03T22:00", 0)))
                .when(delivery(received, monday, tuesday))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 2, eur("0.40"),
                                eur("19.60"), received),
                        new MeterReadingsRecorded(METER, List.of(
                                new AcceptedInterval(monday, local("2025-03-03T22:00"), 1_000, 0, 1, MARCH,
                                        List.of(charge(FLAT, 1_000, "1.0000", "1.0000")), YearMonth.of(2025, 3), null, 0, 0, null),
                                new AcceptedInterval(tuesday, monday.at(), 1_000, 0, 2, MARCH,
                                        List.of(charge(FLAT, 1_000, "2.0000", "2.0000")), YearMonth.of(2025, 3), null, 0, 0, null)),
                                eur("3"), eur("0"), eur("16.60"), 0, YearMonth.of(2025, 3), received));
    }

    @Test
    void rejectsAReadingNoTariffVersionCovers() {
        var fromWednesday = tariff(flat("1.0000"), "0.2500", local("2025-03-05T00:00"));
        fixtureWith(fromWednesday)
                .givenCommands(account().open(), delivery(reading("2025-03-03T10:00", 0)))
                .when(delivery(reading("2025-03-03T10:15", 1_000)))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(events).singleElement()
                        .isInstanceOfSatisfying(MeterReadingsRejected.class, r -> assertThat(r.readings())
                                .extracting(RejectedReading::reason)
                                .containsExactly(RejectionReason.NO_TARIFF_IN_FORCE))));
    }

    @Test
    void countsBlockConsumptionPerMonthAcrossDeliveries() {
        // 230 kWh already counted in March: the next 20 kWh straddle the 240 kWh bound.
        RegisterReading next = reading("2025-03-25T12:30", 250_000);
        Instant received = local("2025-03-25T12:31");

        fixtureWith(exampleBlockTariff())
                .givenCommands(account().open(), topUp("pay-1", "500", TOPPED_UP),
                        delivery(local("2025-03-25T12:01"), reading("2025-03-10T12:00", 0),
                                reading("2025-03-20T12:00", 230_000)))
                .when(delivery(received, next))
                .expectEvents(new MeterReadingsRecorded(METER,
                        List.of(new AcceptedInterval(next, local("2025-03-20T12:00"), 20_000, 0, 1, MARCH, List.of(
                                charge("block 1 (0-240 kWh)", 10_000, "0.4883", "4.8830"),
                                charge("block 2 (240-400 kWh)", 10_000, "0.5383", "5.3830")), YearMonth.of(2025, 3), null, 0, 0, null)),
                        // 500 − 22 standing charges of 0.25 − 112.3090 (230 kWh) − 10.2660
                        eur("10.2660"), eur("0"), eur("371.9250"), 0, YearMonth.of(2025, 3), received));
    }

    @Test
    void startsCountingBlocksAgainInANewMonthOfTheTariffsTimeZone() {
        // 00:30 on 1 April in Amsterdam is still 31 March in UTC; it counts toward April.
        RegisterReading april = reading("2025-04-01T00:30", 250_000);
        Instant received = local("2025-04-01T00:31");

        fixtureWith(exampleBlockTariff())
                .givenCommands(account().open(), topUp("pay-1", "500", TOPPED_UP),
                        delivery(local("2025-04-01T00:01"), reading("2025-03-31T20:00", 0),
                                reading("2025-03-31T23:30", 230_000)))
                .when(delivery(received, april))
                .expectEvents(new MeterReadingsRecorded(METER,
                        List.of(new AcceptedInterval(april, local("2025-03-31T23:30"), 20_000, 0, 1,
                                YearMonth.of(2025, 4),
                                List.of(charge("block 1 (0-240 kWh)", 20_000, "0.4883", "9.7660")), YearMonth.of(2025, 4), null, 0, 0, null)),
                        // 500 − 29 standing charges of 0.25 − 112.3090 − 9.7660
                        eur("9.7660"), eur("0"), eur("370.6750"), 0, YearMonth.of(2025, 3), received));
    }
}
