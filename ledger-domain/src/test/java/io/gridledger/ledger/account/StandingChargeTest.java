package io.gridledger.ledger.account;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.review;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;

/** One standing charge per local calendar day (Europe/Amsterdam) once the day has begun. */
class StandingChargeTest {

    private static final Instant TOPPED_UP = OPENED.plusSeconds(60);

    @Test
    void doesNotChargeTheDayTheAccountOpened() {
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP))
                .when(review(local("2025-03-03T23:59:59")))
                .expectNoEvents();
    }

    @Test
    void chargesADayAsSoonAsItBegins() {
        Instant midnight = local("2025-03-04T00:00");
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP))
                .when(review(midnight))
                .expectEvents(new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"),
                        eur("19.75"), midnight));
    }

    @Test
    void chargesEachDayOnlyOnce() {
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        review(local("2025-03-04T00:05")))
                .when(review(local("2025-03-04T23:00")))
                .expectNoEvents();
    }

    @Test
    void catchesUpEveryDayMissedOnTheNextCommand() {
        Instant thursday = local("2025-03-06T10:00");
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP))
                .when(review(thursday))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"), eur("19.75"),
                                thursday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 5), 1, eur("0.25"), eur("19.50"),
                                thursday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 6), 1, eur("0.25"), eur("19.25"),
                                thursday));
    }

    @Test
    void countsDaysInTheAccountsTimeZoneAcrossTheDstChange() {
        // 22:30Z on Sunday 30 March is 00:30 on Monday in Amsterdam (CEST): Saturday, Sunday and Monday are due.
        Instant mondayLocal = Instant.parse("2025-03-30T22:30:00Z");
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().at(local("2025-03-28T12:00")).open(),
                        topUp("pay-1", "20", local("2025-03-28T12:01")))
                .when(review(mondayLocal))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 29), 1, eur("0.25"), eur("19.75"),
                                mondayLocal),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 30), 1, eur("0.25"), eur("19.50"),
                                mondayLocal),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 31), 1, eur("0.25"), eur("19.25"),
                                mondayLocal));
    }

    @Test
    void chargesTheStandingChargeOfTheVersionValidThatDay() {
        var v1 = tariff(flat("1.0000"), "0.2500", VALID_FROM);
        var v2 = tariff(flat("1.0000"), "0.4000", local("2025-03-05T00:00"));
        Instant thursday = local("2025-03-06T10:00");
        fixtureWith(v1, v2)
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP))
                .when(review(thursday))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"), eur("19.75"),
                                thursday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 5), 2, eur("0.40"), eur("19.35"),
                                thursday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 6), 2, eur("0.40"), eur("18.95"),
                                thursday));
    }

    @Test
    void keepsChargingWhileTheSupplyIsDisconnected() {
        // Exhausted on Monday 10:15, disconnection confirmed; Tuesday is still charged and nothing else happens.
        Instant tuesday = local("2025-03-04T12:00");
        fixtureWith(tariff(flat("1.0000"), "0.2500", VALID_FROM))
                .givenCommands(account().open(), topUp("pay-1", "20", TOPPED_UP),
                        AccountScenario.delivery(AccountScenario.reading("2025-03-03T10:00", 0),
                                AccountScenario.reading("2025-03-03T10:15", 21_000)),
                        new ConfirmSupplyState(METER, SupplyState.DISCONNECTED, local("2025-03-03T10:20")))
                .when(review(tuesday))
                .expectEvents(new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"),
                        eur("-1.25"), tuesday));
    }
}
