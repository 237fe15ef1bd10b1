package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.value.PaymentId;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import static io.gridledger.ledger.account.AccountScenario.EMERGENCY_LIMIT;
import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.THRESHOLD;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.charge;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.reading;
import static io.gridledger.ledger.account.AccountScenario.review;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.EventAssertions.payloadsSatisfy;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit states, alerts, emergency credit and the disconnect decision. Flat tariff 1.0000 EUR/kWh
 * (1,000 Wh costs 1.0000), standing charge 0.5000; threshold 5, emergency limit 10. The account is
 * topped up by 20 on Monday 2025-03-03 and read at 10:00 (0 Wh).
 */
class CreditControlTest {

    private static final String FLAT = "MON,TUE,WED,THU,FRI,SAT,SUN 00:00-00:00";
    private static final RegisterReading BASELINE = reading("2025-03-03T10:00", 0);

    private FixtureConfiguration<MeterAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM));
    }

    private TestExecutor<MeterAccount> given(AccountScenario.Opening opening, Object... more) {
        TestExecutor<MeterAccount> executor = fixture.givenCommands(opening.open(),
                topUp("pay-1", "20", OPENED.plusSeconds(60)), delivery(BASELINE));
        return more.length == 0 ? executor : executor.andGivenCommands(more);
    }

    private static MeterReadingsRecorded recorded(RegisterReading reading, RegisterReading previous, String balance,
                                                  Instant received) {
        long wh = reading.activeImportWh() - previous.activeImportWh();
        ImportCharge part = charge(FLAT, wh, "1.0000", BigDecimal.valueOf(wh).movePointLeft(3).toPlainString());
        return new MeterReadingsRecorded(METER, List.of(new AcceptedInterval(reading, previous.at(), wh, 0, 1,
                YearMonth.of(2025, 3), List.of(part), YearMonth.of(2025, 3), null, 0, 0, null)), part.amount(), eur("0"), eur(balance), 0, YearMonth.of(2025, 3), received);
    }

    @Test
    void alertsLowCreditWhenTheBalanceFallsBelowTheThreshold() {
        RegisterReading r = reading("2025-03-03T10:15", 16_000);
        Instant at = local("2025-03-03T10:16");
        given(account())
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, BASELINE, "4", at),
                        new CreditStateChanged(METER, CreditState.OK, CreditState.LOW, eur("4"), at),
                        new LowCreditAlerted(METER, eur("4"), THRESHOLD, at));
    }

    @Test
    void doesNotAlertAgainWhileCreditStaysLow() {
        RegisterReading low = reading("2025-03-03T10:15", 16_000);
        RegisterReading lower = reading("2025-03-03T10:30", 18_000);
        Instant at = local("2025-03-03T10:31");
        given(account(), delivery(low))
                .when(delivery(at, lower))
                .expectEvents(recorded(lower, low, "2", at));
    }

    @Test
    void aBalanceExactlyAtTheThresholdIsOk() {
        RegisterReading r = reading("2025-03-03T10:15", 15_000);
        Instant at = local("2025-03-03T10:16");
        given(account())
                .when(delivery(at, r))
                .expectEvents(recorded(r, BASELINE, "5", at));
    }

    @Test
    void disconnectsWhenCreditIsExhaustedOutsideFriendlyHours() {
        RegisterReading r = reading("2025-03-03T10:15", 21_000);
        Instant at = local("2025-03-03T10:16");
        given(account())
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, BASELINE, "-1", at),
                        new CreditStateChanged(METER, CreditState.OK, CreditState.EXHAUSTED, eur("-1"), at),
                        new LowCreditAlerted(METER, eur("-1"), THRESHOLD, at),
                        new RelayCommandRequested(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, at,
                                at.plus(Duration.ofMinutes(15)), at.plus(Duration.ofHours(24))));
    }

    @Test
    void defersDisconnectionDuringAFriendlyWeekdayEvening() {
        RegisterReading r = reading("2025-03-03T19:00", 21_000);
        Instant at = local("2025-03-03T19:01");
        given(account())
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, BASELINE, "-1", at),
                        new CreditStateChanged(METER, CreditState.OK, CreditState.EXHAUSTED, eur("-1"), at),
                        new LowCreditAlerted(METER, eur("-1"), THRESHOLD, at),
                        new DisconnectionDeferred(METER, DeferralReason.FRIENDLY_PERIOD, eur("-1"),
                                local("2025-03-04T08:00"), at));
    }

    @Test
    void keepsTheSupplyOnWhileTheFriendlyPeriodLasts() {
        given(account(), delivery(reading("2025-03-03T19:00", 21_000)))
                .when(review(local("2025-03-03T23:30")))
                .expectNoEvents();
    }

    @Test
    void disconnectsWhenTheFriendlyPeriodEnds() {
        Instant eight = local("2025-03-04T08:00");
        given(account(), delivery(reading("2025-03-03T19:00", 21_000)))
                .when(review(eight))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.5"), eur("-1.5"), eight),
                        new RelayCommandRequested(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, eight,
                                eight.plus(Duration.ofMinutes(15)), eight.plus(Duration.ofHours(24))));
    }

    @Test
    void defersAFridayEveningDisconnectionUntilMondayMorning() {
        // Tuesday–Friday standing charges (2.0) leave 18; 19 kWh on Friday evening takes it to −1.
        given(account())
                .when(delivery(local("2025-03-07T19:01"), reading("2025-03-07T19:00", 19_000)))
                .expectEventsMatching(payloadsSatisfy(events -> assertThat(events)
                        .filteredOn(DisconnectionDeferred.class::isInstance)
                        .singleElement()
                        .isEqualTo(new DisconnectionDeferred(METER, DeferralReason.FRIENDLY_PERIOD, eur("-1"),
                                local("2025-03-10T08:00"), local("2025-03-07T19:01")))));
    }

    @Test
    void treatsAListedHolidayAsFriendlyAllDay() {
        FriendlyCreditCalendar withHoliday = FriendlyCreditCalendar.withHolidays(Set.of(LocalDate.of(2025, 3, 3)));
        given(account().friendly(withHoliday))
                .when(delivery(reading("2025-03-03T10:15", 21_000)))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(events).noneMatch(RelayCommandRequested.class::isInstance);
                    assertThat(events).filteredOn(DisconnectionDeferred.class::isInstance).singleElement()
                            .extracting(e -> ((DisconnectionDeferred) e).reviewAt())
                            .isEqualTo(local("2025-03-04T08:00"));
                }));
    }

    @Test
    void neverDisconnectsAVulnerableCustomerAutomatically() {
        RegisterReading r = reading("2025-03-03T10:15", 21_000);
        Instant at = local("2025-03-03T10:16");
        given(account().vulnerable())
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, BASELINE, "-1", at),
                        new CreditStateChanged(METER, CreditState.OK, CreditState.EXHAUSTED, eur("-1"), at),
                        new LowCreditAlerted(METER, eur("-1"), THRESHOLD, at),
                        new DisconnectionDeferred(METER, DeferralReason.VULNERABLE_CUSTOMER, eur("-1"), null, at));
    }

    @Test
    void doesNotRepeatTheDeferralForAVulnerableCustomer() {
        Instant tuesday = local("2025-03-04T12:00");
        given(account().vulnerable(), delivery(reading("2025-03-03T10:15", 21_000)))
                .when(review(tuesday))
                .expectEvents(new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.5"), eur("-1.5"),
                        tuesday));
    }

    @Test
    void letsTheCustomerTakeEmergencyCreditWhileCreditIsLow() {
        Instant at = local("2025-03-03T10:30");
        given(account(), delivery(reading("2025-03-03T10:15", 16_000)))
                .when(new ActivateEmergencyCredit(METER, at))
                .expectEvents(new EmergencyCreditActivated(METER, EMERGENCY_LIMIT, false, at));
    }

    @Test
    void refusesEmergencyCreditWhileCreditIsOk() {
        given(account())
                .when(new ActivateEmergencyCredit(METER, local("2025-03-03T10:30")))
                .expectNoEvents()
                .expectException(EmergencyCreditUnavailableException.class);
    }

    @Test
    void refusesEmergencyCreditToAnAccountWithoutAny() {
        given(account().emergencyLimit("0"), delivery(reading("2025-03-03T10:15", 16_000)))
                .when(new ActivateEmergencyCredit(METER, local("2025-03-03T10:30")))
                .expectNoEvents()
                .expectException(EmergencyCreditUnavailableException.class);
    }

    @Test
    void emergencyCreditCoversTheBalanceDownToMinusTheLimit() {
        RegisterReading r = reading("2025-03-03T10:45", 30_000);
        Instant at = local("2025-03-03T10:46");
        given(account(), delivery(reading("2025-03-03T10:15", 16_000)),
                new ActivateEmergencyCredit(METER, local("2025-03-03T10:30")))
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, reading("2025-03-03T10:15", 16_000), "-10", at),
                        new CreditStateChanged(METER, CreditState.LOW, CreditState.EMERGENCY, eur("-10"), at));
    }

    @Test
    void disconnectsWhenEmergencyCreditIsUsedUp() {
        RegisterReading beyond = reading("2025-03-03T11:00", 30_001);
        Instant at = local("2025-03-03T11:01");
        given(account(), delivery(reading("2025-03-03T10:15", 16_000)),
                new ActivateEmergencyCredit(METER, local("2025-03-03T10:30")),
                delivery(reading("2025-03-03T10:45", 30_000)))
                .when(delivery(at, beyond))
                .expectEvents(
                        recorded(beyond, reading("2025-03-03T10:45", 30_000), "-10.001", at),
                        new CreditStateChanged(METER, CreditState.EMERGENCY, CreditState.EXHAUSTED, eur("-10.001"),
                                at),
                        new RelayCommandRequested(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, at,
                                at.plus(Duration.ofMinutes(15)), at.plus(Duration.ofHours(24))));
    }

    @Test
    void grantsEmergencyCreditAutomaticallyWhenConfigured() {
        RegisterReading r = reading("2025-03-03T10:15", 23_000);
        Instant at = local("2025-03-03T10:16");
        given(account().autoEmergencyCredit())
                .when(delivery(at, r))
                .expectEvents(
                        recorded(r, BASELINE, "-3", at),
                        new EmergencyCreditActivated(METER, EMERGENCY_LIMIT, true, at),
                        new CreditStateChanged(METER, CreditState.OK, CreditState.EMERGENCY, eur("-3"), at),
                        new LowCreditAlerted(METER, eur("-3"), THRESHOLD, at));
    }

    @Test
    void aTopUpRepayingEmergencyCreditClosesIt() {
        Instant at = local("2025-03-03T11:00");
        given(account(), delivery(reading("2025-03-03T10:15", 16_000)),
                new ActivateEmergencyCredit(METER, local("2025-03-03T10:30")),
                delivery(reading("2025-03-03T10:45", 23_000)))
                .when(topUp("pay-2", "10", at))
                .expectEvents(
                        new AccountToppedUp(METER, new PaymentId("pay-2"), eur("10"), at,
                                eur("3"), eur("0"), eur("7"), eur("0"), YearMonth.of(2025, 3), at),
                        new EmergencyCreditRepaid(METER, at),
                        new CreditStateChanged(METER, CreditState.EMERGENCY, CreditState.OK, eur("7"), at));
    }
}
