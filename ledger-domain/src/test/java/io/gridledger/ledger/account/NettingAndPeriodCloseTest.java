package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.Netting;
import io.gridledger.ledger.tariff.ReactivePricing;
import io.gridledger.ledger.tariff.SurplusRule;
import io.gridledger.ledger.tariff.TariffDefinition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.review;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.EventAssertions.payloadsSatisfy;
import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export under both netting rules, the kWh bank across period closes, reactive charges and
 * late readings. Import costs 1.0000/kWh and export earns 0.0700/kWh; no standing charge.
 */
class NettingAndPeriodCloseTest {

    private static final YearMonth MARCH = YearMonth.of(2025, 3);
    private static final YearMonth APRIL = YearMonth.of(2025, 4);
    /** Amsterdam midnight between 3 and 4 April: March's grace time has run out. */
    private static final Instant MARCH_CLOSES = local("2025-04-04T00:00");

    private static final TariffDefinition NET_BILLING = tariff(flat("1.0000"), "0", VALID_FROM);
    private static final TariffDefinition CARRY_OVER = NET_BILLING.withNetting(Netting.NET_METERING,
            SurplusRule.CARRY_OVER);
    private static final TariffDefinition PAY_OUT = NET_BILLING.withNetting(Netting.NET_METERING,
            SurplusRule.PAY_AT_EXPORT_PRICE);
    private static final TariffDefinition REACTIVE = NET_BILLING.withReactive(
            new ReactivePricing(new BigDecimal("0.0150"), new BigDecimal("0.48")));

    static RegisterReading bidirectional(String localTime, long importWh, long exportWh) {
        return RegisterReading.of(local(localTime), importWh, exportWh);
    }

    static <T> List<T> only(Class<T> type, List<Object> events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Nested
    class NetBilling {

        @Test
        void creditsEachExportDeltaAtTheExportPriceAsItArrives() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)))
                    .when(delivery(bidirectional("2025-03-03T10:15", 200, 1_500)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded recorded = only(MeterReadingsRecorded.class, events).get(0);
                        AcceptedInterval interval = recorded.intervals().get(0);
                        assertThat(interval.exportCredit()).isEqualTo(eur("0.1050"));
                        assertThat(interval.bankDepositWh()).isZero();
                        assertThat(recorded.charged()).isEqualTo(eur("0.2000"));
                        assertThat(recorded.credited()).isEqualTo(eur("0.1050"));
                        assertThat(recorded.balanceAfter()).isEqualTo(eur("19.9050"));
                    }));
        }

        @Test
        void roundsAnExportCreditHalfEvenToFourDecimalsLikeImport() {
            // 5 Wh × 0.0700 = 0.00035 → 0.0004 (half-even on an odd digit); 15 Wh → 0.00105 → 0.0010
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-03T10:15", 0, 5)))
                    .when(delivery(bidirectional("2025-03-03T10:30", 0, 20)))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(MeterReadingsRecorded.class, events).get(0).credited()).isEqualTo(eur("0.0010"))));
        }
    }

    @Nested
    class NetMetering {

        @Test
        void importDrawsOnTheBankAndOnlyWhatTheBankCannotCoverIsCharged() {
            fixtureWith(CARRY_OVER)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)))
                    .when(delivery(bidirectional("2025-03-03T10:15", 0, 3_000),
                            bidirectional("2025-03-03T10:30", 1_000, 3_000),
                            bidirectional("2025-03-03T10:45", 3_500, 3_000)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded recorded = only(MeterReadingsRecorded.class, events).get(0);
                        List<AcceptedInterval> intervals = recorded.intervals();
                        assertThat(intervals).extracting(AcceptedInterval::bankDepositWh).containsExactly(3_000L, 0L, 0L);
                        assertThat(intervals).extracting(AcceptedInterval::bankDrawWh).containsExactly(0L, 1_000L, 2_000L);
                        assertThat(intervals).extracting(AcceptedInterval::exportCredit).containsOnlyNulls();
                        assertThat(intervals.get(2).charges()).singleElement()
                                .satisfies(c -> assertThat(c.wh()).isEqualTo(500));
                        assertThat(recorded.charged()).isEqualTo(eur("0.5000"));
                        assertThat(recorded.balanceAfter()).isEqualTo(eur("19.5000"));
                    }));
        }

        @Test
        void carriesTheBankLeftAtPeriodCloseIntoTheNextPeriod() {
            fixtureWith(CARRY_OVER)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-31T10:00", 0, 3_000)),
                            review(MARCH_CLOSES))
                    .when(delivery(bidirectional("2025-04-04T10:00", 1_000, 3_000)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded recorded = only(MeterReadingsRecorded.class, events).get(0);
                        assertThat(recorded.intervals().get(0).bankDrawWh()).isEqualTo(1_000);
                        assertThat(recorded.charged()).isEqualTo(eur("0"));
                    }));
        }

        @Test
        void closingPeriodRecordsTheCarriedBankAndMovesNoMoney() {
            fixtureWith(CARRY_OVER)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-31T10:00", 400, 3_000)))
                    .when(review(MARCH_CLOSES))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        SettlementPeriodClosed closed = only(SettlementPeriodClosed.class, events).get(0);
                        assertThat(closed.period()).isEqualTo(MARCH);
                        assertThat(closed.importWh()).isEqualTo(400);
                        assertThat(closed.bankWh()).isEqualTo(2_600);
                        assertThat(closed.bankCarriedWh()).isEqualTo(2_600);
                        assertThat(closed.bankPaidOutWh()).isZero();
                        assertThat(closed.bankPayout()).isEqualTo(eur("0"));
                        assertThat(closed.balanceAfter()).isEqualTo(eur("20"));
                        assertThat(closed.early()).isFalse();
                    }));
        }

        @Test
        void paysTheBankLeftAtPeriodCloseAtTheExportPrice() {
            fixtureWith(PAY_OUT)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-31T10:00", 0, 3_000)))
                    .when(review(MARCH_CLOSES))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        SettlementPeriodClosed closed = only(SettlementPeriodClosed.class, events).get(0);
                        assertThat(closed.bankPaidOutWh()).isEqualTo(3_000);
                        assertThat(closed.bankPayout()).isEqualTo(eur("0.2100"));
                        assertThat(closed.bankCarriedWh()).isZero();
                        assertThat(closed.balanceAfter()).isEqualTo(eur("20.2100"));
                    }));
        }

        @Test
        void aPaidOutBankIsEmptyForTheNextPeriod() {
            fixtureWith(PAY_OUT)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-31T10:00", 0, 3_000)),
                            review(MARCH_CLOSES))
                    .when(delivery(bidirectional("2025-04-04T10:00", 1_000, 3_000)))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(MeterReadingsRecorded.class, events).get(0).charged()).isEqualTo(eur("1.0000"))));
        }
    }

    @Nested
    class PeriodClose {

        @Test
        void anOperatorMayCloseAnEndedPeriodEarlyAndClosingAgainChangesNothing() {
            CloseSettlementPeriod close = new CloseSettlementPeriod(METER, MARCH, local("2025-04-01T10:00"));
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), close)
                    .when(close)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(satisfies(PeriodCloseOutcome.class,
                            o -> assertThat(o.status()).isEqualTo(PeriodCloseOutcome.Status.ALREADY_CLOSED)));
        }

        @Test
        void anEarlyCloseIsMarkedEarly() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open())
                    .when(new CloseSettlementPeriod(METER, MARCH, local("2025-04-01T10:00")))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(SettlementPeriodClosed.class, events)).singleElement()
                            .satisfies(c -> {
                                assertThat(c.period()).isEqualTo(MARCH);
                                assertThat(c.early()).isTrue();
                            })));
        }

        @Test
        void aPeriodThatHasNotBegunCannotBeClosed() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open())
                    .when(new CloseSettlementPeriod(METER, APRIL, local("2025-03-31T23:59")))
                    .expectEventsMatching(payloadsSatisfy(events ->
                            assertThat(only(SettlementPeriodClosed.class, events)).isEmpty()))
                    .expectResultMessagePayloadMatching(satisfies(PeriodCloseOutcome.class,
                            o -> assertThat(o.status()).isEqualTo(PeriodCloseOutcome.Status.NOT_STARTED)));
        }

        @Test
        void theRunningPeriodMayBeClosedEarlyAndItsLaterDataGoesToTheNextPeriod() {
            fixtureWith(CARRY_OVER)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            new CloseSettlementPeriod(METER, MARCH, local("2025-03-20T12:00")))
                    .when(delivery(bidirectional("2025-03-25T10:00", 1_000, 400)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded late = only(MeterReadingsRecorded.class, events).get(0);
                        assertThat(late.firstOpenPeriod()).isEqualTo(APRIL);
                        assertThat(late.intervals().get(0).bookedIn(late.firstOpenPeriod())).isEqualTo(APRIL);
                        assertThat(only(StandingChargeApplied.class, events)).isNotEmpty();
                    }));
        }

        @Test
        void closingALaterPeriodClosesTheEarlierOnesFirstInOrder() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open())
                    .when(new CloseSettlementPeriod(METER, YearMonth.of(2025, 5), local("2025-06-01T10:00")))
                    .expectEventsMatching(payloadsSatisfy(events ->
                            assertThat(only(SettlementPeriodClosed.class, events)).extracting(
                                    SettlementPeriodClosed::period).containsExactly(MARCH, APRIL,
                                    YearMonth.of(2025, 5))));
        }

        @Test
        void aReadingOfAClosedPeriodIsBookedInTheFirstOpenPeriod() {
            fixtureWith(CARRY_OVER)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            delivery(bidirectional("2025-03-20T10:00", 1_000, 0)),
                            review(MARCH_CLOSES))
                    .when(delivery(local("2025-04-05T08:00"), bidirectional("2025-03-31T23:00", 1_000, 500)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded late = only(MeterReadingsRecorded.class, events).get(0);
                        assertThat(late.firstOpenPeriod()).isEqualTo(APRIL);
                        assertThat(late.intervals().get(0).period()).isEqualTo(MARCH);
                        assertThat(late.intervals().get(0).bookedIn(late.firstOpenPeriod())).isEqualTo(APRIL);
                        assertThat(late.intervals().get(0).bankDepositWh()).isEqualTo(500);
                    }));
        }

        @Test
        void lateDataCountsTowardTheNextPeriodsClose() {
            fixtureWith(PAY_OUT)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                            review(MARCH_CLOSES),
                            delivery(local("2025-04-05T08:00"), bidirectional("2025-03-31T23:00", 0, 500)))
                    .when(review(local("2025-05-04T00:00")))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(SettlementPeriodClosed.class, events)).singleElement().satisfies(c -> {
                                assertThat(c.period()).isEqualTo(APRIL);
                                assertThat(c.bankPaidOutWh()).isEqualTo(500);
                                assertThat(c.bankPayout()).isEqualTo(eur("0.0350"));
                            })));
        }
    }

    @Nested
    class Reactive {

        static RegisterReading fourQuadrant(String localTime, long importWh, long q1, long q4) {
            return new RegisterReading(local(localTime), importWh, 0L, q1, 0L, 0L, q4, null, null, null);
        }

        @Test
        void keepsTheQuadrantsPerIntervalWithThePowerFactor() {
            fixtureWith(REACTIVE)
                    .givenCommands(account().open(), delivery(fourQuadrant("2025-03-03T10:00", 0, 0, 0)))
                    .when(delivery(fourQuadrant("2025-03-03T11:00", 10_000, 8_000, 0)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        ReactiveEnergy reactive = only(MeterReadingsRecorded.class, events).get(0).intervals().get(0)
                                .reactive();
                        assertThat(reactive.q1Varh()).isEqualTo(8_000);
                        assertThat(reactive.powerFactor()).isEqualByComparingTo("0.781");
                    }));
        }

        @Test
        void chargesInductiveEnergyAboveTheFreeTanPhiAtPeriodClose() {
            // free: 0.48 × 10,000 Wh = 4,800 varh; charged 3,200 varh × 0.0150/kvarh = 0.0480
            fixtureWith(REACTIVE)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(fourQuadrant("2025-03-03T10:00", 0, 0, 0)),
                            delivery(fourQuadrant("2025-03-03T11:00", 10_000, 8_000, 900)))
                    .when(review(MARCH_CLOSES))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        SettlementPeriodClosed closed = only(SettlementPeriodClosed.class, events).get(0);
                        assertThat(closed.inductiveVarh()).isEqualTo(8_000);
                        assertThat(closed.freeVarh()).isEqualTo(4_800);
                        assertThat(closed.chargedVarh()).isEqualTo(3_200);
                        assertThat(closed.reactiveCharge()).isEqualTo(eur("0.0480"));
                        assertThat(closed.balanceAfter()).isEqualTo(eur("9.9520"));
                    }));
        }

        @Test
        void chargesNothingWhenTheInductiveEnergyStaysWithinTheAllowance() {
            fixtureWith(REACTIVE)
                    .givenCommands(account().open(), delivery(fourQuadrant("2025-03-03T10:00", 0, 0, 0)),
                            delivery(fourQuadrant("2025-03-03T11:00", 10_000, 4_800, 0)))
                    .when(review(MARCH_CLOSES))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(SettlementPeriodClosed.class, events).get(0).reactiveCharge()).isEqualTo(eur("0"))));
        }
    }

    @Nested
    class Replacement {

        private static final Instant REPLACED = local("2025-03-03T10:30");

        private ReplaceMeter replace(RegisterReading finalReading) {
            return new ReplaceMeter(METER, "SN-NEW-7", finalReading, REPLACED, local("2025-03-03T10:40"));
        }

        @Test
        void theOldMetersFinalReadingClosesItsSeries() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 5_000, 0)))
                    .when(replace(bidirectional("2025-03-03T10:20", 5_600, 0)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        assertThat(only(MeterReadingsRecorded.class, events).get(0).charged()).isEqualTo(eur("0.6000"));
                        assertThat(only(MeterReplaced.class, events)).singleElement().satisfies(r -> {
                            assertThat(r.newSerialNumber()).isEqualTo("SN-NEW-7");
                            assertThat(r.lastReadingAt()).isEqualTo(local("2025-03-03T10:20"));
                        });
                    }));
        }

        @Test
        void theNewMetersFirstReadingIsABaselineAndTheAccountCarriesOn() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                            delivery(bidirectional("2025-03-03T10:00", 5_000, 0)),
                            replace(bidirectional("2025-03-03T10:20", 5_600, 0)))
                    .when(delivery(bidirectional("2025-03-03T10:45", 20, 0), bidirectional("2025-03-03T11:00", 120, 0)))
                    .expectEventsMatching(payloadsSatisfy(events -> {
                        MeterReadingsRecorded recorded = only(MeterReadingsRecorded.class, events).get(0);
                        assertThat(recorded.intervals().get(0).isBaseline()).isTrue();
                        assertThat(recorded.intervals().get(1).importWh()).isEqualTo(100);
                        assertThat(recorded.balanceAfter()).isEqualTo(eur("19.3000"));
                    }));
        }

        @Test
        void aReadingBetweenTheFinalReadingAndTheReplacementIsRejected() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:00", 5_000, 0)),
                            replace(bidirectional("2025-03-03T10:20", 5_600, 0)))
                    .when(delivery(bidirectional("2025-03-03T10:25", 5_700, 0)))
                    .expectEventsMatching(payloadsSatisfy(events -> assertThat(
                            only(MeterReadingsRejected.class, events).get(0).readings()).singleElement()
                            .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.BEFORE_METER_REPLACEMENT))));
        }

        @Test
        void replayingTheReplacementChangesNothing() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:00", 5_000, 0)),
                            replace(bidirectional("2025-03-03T10:20", 5_600, 0)))
                    .when(replace(bidirectional("2025-03-03T10:20", 5_600, 0)))
                    .expectNoEvents();
        }

        @Test
        void aReplacementBeforeTheLastReadingIsRefused() {
            fixtureWith(NET_BILLING)
                    .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:45", 5_000, 0)))
                    .when(replace(null))
                    .expectException(InvalidAccountCommandException.class)
                    .expectNoEvents();
        }
    }
}
