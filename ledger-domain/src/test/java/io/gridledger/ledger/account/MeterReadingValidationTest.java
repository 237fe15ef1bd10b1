package io.gridledger.ledger.account;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
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
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which readings are accepted, ignored or rejected. A flat tariff of 1.0000 EUR/kWh; readings at
 * 10:00 (baseline, 1,000,000 Wh) and 10:15 (1,001,000 Wh) on Monday 2025-03-03 are accepted.
 */
class MeterReadingValidationTest {

    private static final String FLAT = "MON,TUE,WED,THU,FRI,SAT,SUN 00:00-00:00";
    private static final RegisterReading BASELINE = reading("2025-03-03T10:00", 1_000_000);
    private static final RegisterReading QUARTER_PAST = reading("2025-03-03T10:15", 1_001_000);

    private FixtureConfiguration<MeterAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM));
    }

    private TestExecutor<MeterAccount> givenTwoAcceptedReadings() {
        // events: 0 opening, 1–2 top-up (LOW → OK), 3 the delivery; balance 20 − 1 = 19
        return fixture.givenCommands(account().open(), topUp("pay-1", "20", OPENED.plusSeconds(60)),
                delivery(BASELINE, QUARTER_PAST));
    }

    private static List<RejectedReading> rejections(List<Object> events) {
        return events.stream().filter(MeterReadingsRejected.class::isInstance)
                .map(MeterReadingsRejected.class::cast)
                .flatMap(r -> r.readings().stream()).toList();
    }

    @Test
    void ignoresARepeatedDeliveryWithoutAnyEvent() {
        givenTwoAcceptedReadings()
                .when(delivery(local("2025-03-03T10:30"), BASELINE, QUARTER_PAST))
                .expectNoEvents()
                .expectResultMessagePayload(new ReadingsOutcome(0, 2, 0, 3));
    }

    @Test
    void treatsReadingsDifferingOnlyInDecimalNotationAsDuplicates() {
        RegisterReading withPower = new RegisterReading(local("2025-03-03T10:30"), 1_001_500, null, null, null,
                null, null, new BigDecimal("230.1"), new BigDecimal("5"), null);
        RegisterReading samePower = new RegisterReading(local("2025-03-03T10:30"), 1_001_500, null, null, null,
                null, null, new BigDecimal("230.10"), new BigDecimal("5.000"), null);
        givenTwoAcceptedReadings()
                .andGivenCommands(delivery(withPower))
                .when(delivery(samePower))
                .expectNoEvents()
                .expectResultMessagePayload(new ReadingsOutcome(0, 1, 0, 4));
    }

    @Test
    void rejectsAReadingThatDiffersFromTheOneAcceptedAtThatTime() {
        givenTwoAcceptedReadings()
                .when(delivery(reading("2025-03-03T10:15", 1_001_500)))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events).singleElement().isInstanceOf(MeterReadingsRejected.class);
                    assertThat(rejections(events)).extracting(RejectedReading::at, RejectedReading::reason)
                            .containsExactly(tuple(local("2025-03-03T10:15"),
                                    RejectionReason.CONFLICTS_WITH_ACCEPTED));
                }))
                .expectResultMessagePayloadMatching(outcome(0, 0, 4, RejectionReason.CONFLICTS_WITH_ACCEPTED));
    }

    @Test
    void rejectsALateReadingForATimeNeverAccepted() {
        givenTwoAcceptedReadings()
                .when(delivery(reading("2025-03-03T10:05", 1_000_300)))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(rejections(events))
                        .extracting(RejectedReading::reason).containsExactly(RejectionReason.OUT_OF_ORDER)));
    }

    @Test
    void neverChargesARegisterThatWentBackwards() {
        // 10:30 reads less than 10:15; 10:45 is then measured from 10:15, the last accepted reading.
        RegisterReading backwards = reading("2025-03-03T10:30", 1_000_500);
        RegisterReading next = reading("2025-03-03T10:45", 1_001_200);
        Instant received = local("2025-03-03T10:46");

        givenTwoAcceptedReadings()
                .when(delivery(received, backwards, next))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events).hasSize(2);
                    assertThat(events.get(0)).isEqualTo(new MeterReadingsRecorded(METER,
                            List.of(new AcceptedInterval(next, QUARTER_PAST.at(), 200, 0, 1, YearMonth.of(2025, 3),
                                    List.of(charge(FLAT, 200, "1.0000", "0.2000")), YearMonth.of(2025, 3), null, 0, 0, null)),
                            eur("0.2"), eur("0"), eur("18.8"), 0, YearMonth.of(2025, 3), received));
                    assertThat(rejections(events)).extracting(RejectedReading::at, RejectedReading::reason)
                            .containsExactly(tuple(backwards.at(), RejectionReason.REGISTER_WENT_BACKWARDS));
                }))
                .expectResultMessagePayloadMatching(outcome(1, 0, 5, RejectionReason.REGISTER_WENT_BACKWARDS));
    }

    @Test
    void rejectsAReadingFromAMeterWhoseClockRunsAheadAndStillTakesTheTrueOnesAfterIt() {
        RegisterReading fromTheFuture = reading("2025-03-03T11:30", 1_000_900);
        RegisterReading next = reading("2025-03-03T10:45", 1_001_200);
        Instant received = local("2025-03-03T10:46");

        givenTwoAcceptedReadings()
                .when(delivery(received, fromTheFuture))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(rejections(events))
                        .extracting(RejectedReading::at, RejectedReading::reason)
                        .containsExactly(tuple(fromTheFuture.at(), RejectionReason.AHEAD_OF_LEDGER_CLOCK))))
                .expectResultMessagePayloadMatching(outcome(0, 0, 4, RejectionReason.AHEAD_OF_LEDGER_CLOCK));
        givenTwoAcceptedReadings()
                .andGivenCommands(delivery(received, fromTheFuture))
                .when(delivery(received, next))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(events.get(0))
                        .isInstanceOf(MeterReadingsRecorded.class)));
    }

    @Test
    void rejectsAnExportRegisterThatWentBackwards() {
        givenTwoAcceptedReadings()
                .andGivenCommands(delivery(RegisterReading.of(local("2025-03-03T10:30"), 1_001_100, 800L)))
                .when(delivery(RegisterReading.of(local("2025-03-03T10:45"), 1_001_200, 700L)))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(rejections(events))
                        .extracting(RejectedReading::reason)
                        .containsExactly(RejectionReason.REGISTER_WENT_BACKWARDS)));
    }

    @Test
    void rejectsReadingsFromBeforeTheAccountOpened() {
        RegisterReading beforeOpening = reading("2025-03-03T08:45", 999_000);
        RegisterReading afterOpening = reading("2025-03-03T09:15", 1_000_000);
        Instant received = local("2025-03-03T09:16");

        fixture.givenCommands(account().open())
                .when(delivery(received, beforeOpening, afterOpening))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events.get(0)).isEqualTo(new MeterReadingsRecorded(METER,
                            List.of(new AcceptedInterval(afterOpening, null, 0, 0, null, null, List.of(), null, null, 0, 0, null)),
                            eur("0"), eur("0"), eur("0"), 0, YearMonth.of(2025, 3), received));
                    assertThat(rejections(events)).extracting(RejectedReading::at, RejectedReading::reason)
                            .containsExactly(tuple(beforeOpening.at(), RejectionReason.BEFORE_ACCOUNT_OPENED));
                }));
    }

    @Test
    void takesAMixedDeliveryInOneRecordedAndOneRejectedEvent() {
        RegisterReading half = reading("2025-03-03T10:30", 1_001_100);
        RegisterReading threeQuarters = reading("2025-03-03T10:45", 1_001_400);
        Instant received = local("2025-03-03T10:46");

        givenTwoAcceptedReadings()
                .when(delivery(received, QUARTER_PAST, threeQuarters, reading("2025-03-03T10:05", 1_000_300), half,
                        half))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events).extracting(Object::getClass)
                            .containsExactly(MeterReadingsRecorded.class, MeterReadingsRejected.class);
                    MeterReadingsRecorded recorded = (MeterReadingsRecorded) events.get(0);
                    assertThat(recorded.intervals()).extracting(i -> i.reading().at())
                            .containsExactly(half.at(), threeQuarters.at());
                    assertThat(recorded.duplicates()).isEqualTo(2);
                    assertThat(recorded.charged()).isEqualTo(eur("0.4"));
                    assertThat(recorded.balanceAfter()).isEqualTo(eur("18.6"));
                    assertThat(rejections(events)).extracting(RejectedReading::reason)
                            .containsExactly(RejectionReason.OUT_OF_ORDER);
                }))
                .expectResultMessagePayloadMatching(outcome(2, 2, 5, RejectionReason.OUT_OF_ORDER));
    }

    @Test
    void rejectsTwoDifferentReadingsForTheSameTimeInOneDelivery() {
        RegisterReading first = reading("2025-03-03T10:30", 1_001_100);
        givenTwoAcceptedReadings()
                .when(delivery(first, reading("2025-03-03T10:30", 1_001_900)))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(((MeterReadingsRecorded) events.get(0)).intervals())
                            .extracting(AcceptedInterval::reading).containsExactly(first);
                    assertThat(rejections(events)).extracting(RejectedReading::reason)
                            .containsExactly(RejectionReason.CONFLICTS_WITH_ACCEPTED);
                }));
    }

    /** The delivery's outcome: counts, and the reasons of its rejections in order. */
    private static org.hamcrest.Matcher<ReadingsOutcome> outcome(int accepted, int duplicate, long sequence,
                                                                 RejectionReason... reasons) {
        return org.axonframework.test.matchers.Matchers.predicate(o -> o.accepted() == accepted
                && o.duplicate() == duplicate && o.rejected() == reasons.length && o.sequence() == sequence
                && o.rejections().stream().map(RejectedReading::reason).toList().equals(List.of(reasons)));
    }
}
