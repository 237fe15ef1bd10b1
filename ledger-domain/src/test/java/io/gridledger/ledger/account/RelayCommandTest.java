package io.gridledger.ledger.account;

import io.gridledger.ledger.value.PaymentId;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static io.gridledger.ledger.account.AccountScenario.EMERGENCY_LIMIT;
import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.reading;
import static io.gridledger.ledger.account.AccountScenario.review;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;

/**
 * The relay requests that follow a disconnect decision. Flat tariff 1.0000 EUR/kWh, standing charge
 * 0.5000. The account is exhausted (−1) on Monday 2025-03-03 at {@link #REQUESTED} (10:16, not a
 * friendly hour), which requests {@link #DISCONNECT_ID}.
 */
class RelayCommandTest {

    private static final Instant REQUESTED = local("2025-03-03T10:16");
    private static final String DISCONNECT_ID = "MTR-0001/relay/1";

    private FixtureConfiguration<MeterAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM));
    }

    private TestExecutor<MeterAccount> givenDisconnectRequested(Object... more) {
        TestExecutor<MeterAccount> executor = fixture.givenCommands(account().open(),
                topUp("pay-1", "20", OPENED.plusSeconds(60)),
                delivery(REQUESTED, reading("2025-03-03T10:00", 0), reading("2025-03-03T10:15", 21_000)));
        return more.length == 0 ? executor : executor.andGivenCommands(more);
    }

    private static ConfirmSupplyState confirm(SupplyState state, Instant at) {
        return new ConfirmSupplyState(METER, state, at);
    }

    @Test
    void aConfirmationDatedAheadByTheMeterClockChargesNoDayThatHasNotBegun() {
        Instant meterClock = REQUESTED.plus(Duration.ofDays(3));
        Instant received = REQUESTED.plus(Duration.ofMinutes(2));
        givenDisconnectRequested()
                .when(new ConfirmSupplyState(METER, SupplyState.DISCONNECTED, meterClock, received))
                .expectEvents(new SupplyStateConfirmed(METER, SupplyState.DISCONNECTED, DISCONNECT_ID, meterClock));
    }

    @Test
    void doesNotResendARequestWithinFifteenMinutes() {
        givenDisconnectRequested()
                .when(review(REQUESTED.plus(Duration.ofMinutes(14))))
                .expectNoEvents();
    }

    @Test
    void resendsAnUnconfirmedRequestAfterFifteenMinutes() {
        Instant at = REQUESTED.plus(Duration.ofMinutes(15));
        givenDisconnectRequested()
                .when(review(at))
                .expectEvents(new RelayCommandRetried(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, 2, at,
                        at.plus(Duration.ofMinutes(15))));
    }

    @Test
    void waitsFifteenMinutesAfterEachAttempt() {
        Instant second = REQUESTED.plus(Duration.ofMinutes(20));
        givenDisconnectRequested(review(second))
                .when(review(second.plus(Duration.ofMinutes(14))))
                .expectNoEvents();
        Instant third = second.plus(Duration.ofMinutes(15));
        fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", OPENED.plusSeconds(60)),
                        delivery(REQUESTED, reading("2025-03-03T10:00", 0), reading("2025-03-03T10:15", 21_000)),
                        review(second))
                .when(review(third))
                .expectEvents(new RelayCommandRetried(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, 3, third,
                        third.plus(Duration.ofMinutes(15))));
    }

    @Test
    void keepsResendingARequestYoungerThan24Hours() {
        Instant at = REQUESTED.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59));
        givenDisconnectRequested()
                .when(review(at))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.5"), eur("-1.5"), at),
                        new RelayCommandRetried(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, 2, at,
                                at.plus(Duration.ofMinutes(15))));
    }

    @Test
    void letsARequestOlderThan24HoursExpireInsteadOfCarryingItOut() {
        Instant at = REQUESTED.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
        givenDisconnectRequested()
                .when(review(at))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.5"), eur("-1.5"), at),
                        new RelayCommandExpired(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, at));
    }

    @Test
    void aConfirmationCompletesTheRequestSoItIsNotResent() {
        Instant confirmed = REQUESTED.plus(Duration.ofMinutes(5));
        givenDisconnectRequested()
                .when(confirm(SupplyState.DISCONNECTED, confirmed))
                .expectEvents(new SupplyStateConfirmed(METER, SupplyState.DISCONNECTED, DISCONNECT_ID, confirmed));
        fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", OPENED.plusSeconds(60)),
                        delivery(REQUESTED, reading("2025-03-03T10:00", 0), reading("2025-03-03T10:15", 21_000)),
                        confirm(SupplyState.DISCONNECTED, confirmed))
                .when(review(REQUESTED.plus(Duration.ofMinutes(30))))
                .expectNoEvents();
    }

    @Test
    void withdrawsAnUnconfirmedDisconnectionWhenATopUpRestoresCredit() {
        Instant at = REQUESTED.plus(Duration.ofMinutes(5));
        givenDisconnectRequested()
                .when(topUp("pay-2", "5", at))
                .expectEvents(
                        new AccountToppedUp(METER, new PaymentId("pay-2"), eur("5"), at, eur("0"), eur("0"), eur("4"),
                                eur("0"), YearMonth.of(2025, 3), at),
                        new CreditStateChanged(METER, CreditState.EXHAUSTED, CreditState.LOW, eur("4"), at),
                        new RelayCommandWithdrawn(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, at));
    }

    @Test
    void keepsTheDisconnectionWhenATopUpLeavesTheBalanceNegative() {
        Instant at = REQUESTED.plus(Duration.ofMinutes(5));
        givenDisconnectRequested()
                .when(topUp("pay-2", "0.5", at))
                .expectEvents(new AccountToppedUp(METER, new PaymentId("pay-2"), eur("0.5"), at, eur("0"), eur("0"),
                        eur("-0.5"), eur("0"), YearMonth.of(2025, 3), at));
    }

    @Test
    void requestsReconnectionWhenATopUpRestoresCreditToADisconnectedMeter() {
        Instant at = REQUESTED.plus(Duration.ofHours(1));
        givenDisconnectRequested(confirm(SupplyState.DISCONNECTED, REQUESTED.plus(Duration.ofMinutes(5))))
                .when(topUp("pay-2", "5", at))
                .expectEvents(
                        new AccountToppedUp(METER, new PaymentId("pay-2"), eur("5"), at, eur("0"), eur("0"), eur("4"),
                                eur("0"), YearMonth.of(2025, 3), at),
                        new CreditStateChanged(METER, CreditState.EXHAUSTED, CreditState.LOW, eur("4"), at),
                        new RelayCommandRequested(METER, "MTR-0001/relay/2", RelayCommand.RECONNECT, at,
                                at.plus(Duration.ofMinutes(15)), at.plus(Duration.ofHours(24))));
    }

    @Test
    void confirmingTheReconnectionCompletesTheReconnectRequest() {
        Instant at = REQUESTED.plus(Duration.ofHours(1));
        givenDisconnectRequested(confirm(SupplyState.DISCONNECTED, REQUESTED.plus(Duration.ofMinutes(5))),
                topUp("pay-2", "5", at))
                .when(confirm(SupplyState.CONNECTED, at.plus(Duration.ofMinutes(2))))
                .expectEvents(new SupplyStateConfirmed(METER, SupplyState.CONNECTED, "MTR-0001/relay/2",
                        at.plus(Duration.ofMinutes(2))));
    }

    @Test
    void reconnectsADisconnectedMeterWhenTheCustomerTakesEmergencyCredit() {
        Instant at = REQUESTED.plus(Duration.ofHours(1));
        givenDisconnectRequested(confirm(SupplyState.DISCONNECTED, REQUESTED.plus(Duration.ofMinutes(5))))
                .when(new ActivateEmergencyCredit(METER, at))
                .expectEvents(
                        new EmergencyCreditActivated(METER, EMERGENCY_LIMIT, false, at),
                        new CreditStateChanged(METER, CreditState.EXHAUSTED, CreditState.EMERGENCY, eur("-1"), at),
                        new RelayCommandRequested(METER, "MTR-0001/relay/2", RelayCommand.RECONNECT, at,
                                at.plus(Duration.ofMinutes(15)), at.plus(Duration.ofHours(24))));
    }

    @Test
    void withdrawsAPendingDisconnectionWhenTheCustomerTakesEmergencyCredit() {
        Instant at = REQUESTED.plus(Duration.ofMinutes(5));
        givenDisconnectRequested()
                .when(new ActivateEmergencyCredit(METER, at))
                .expectEvents(
                        new EmergencyCreditActivated(METER, EMERGENCY_LIMIT, false, at),
                        new CreditStateChanged(METER, CreditState.EXHAUSTED, CreditState.EMERGENCY, eur("-1"), at),
                        new RelayCommandWithdrawn(METER, DISCONNECT_ID, RelayCommand.DISCONNECT, at));
    }
}
