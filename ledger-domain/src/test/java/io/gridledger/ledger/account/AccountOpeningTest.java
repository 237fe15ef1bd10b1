package io.gridledger.ledger.account;

import io.gridledger.ledger.support.InMemoryTariffBook;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.RetailerId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Currency;

import static io.gridledger.ledger.account.AccountScenario.CUSTOMER;
import static io.gridledger.ledger.account.AccountScenario.EMERGENCY_LIMIT;
import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.TARIFF;
import static io.gridledger.ledger.account.AccountScenario.THRESHOLD;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.invalidField;
import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUseTariff;

class AccountOpeningTest {

    private static MeterAccountOpened opened(boolean auto, Money debt, Percentage recovery) {
        return new MeterAccountOpened(METER, CUSTOMER, TARIFF, AMSTERDAM, Currency.getInstance("EUR"), THRESHOLD,
                EMERGENCY_LIMIT, auto, debt, recovery, false, FriendlyCreditCalendar.standard(), OPENED,
                RetailerId.DEFAULT);
    }

    @Test
    void opensWithAZeroBalanceInTheTariffsCurrencyAndNoAlert() {
        fixtureWith(exampleTimeOfUseTariff())
                .givenNoPriorActivity()
                .when(account().debt("120.5", "12.5").open())
                .expectEvents(opened(false, eur("120.5"), Percentage.of("12.5")));
    }

    @Test
    void grantsAutomaticEmergencyCreditAtOnceWhenTheZeroBalanceIsBelowTheThreshold() {
        fixtureWith(exampleTimeOfUseTariff())
                .givenNoPriorActivity()
                .when(account().autoEmergencyCredit().open())
                .expectEvents(opened(true, eur("0"), Percentage.zero()),
                        new EmergencyCreditActivated(METER, EMERGENCY_LIMIT, true, OPENED));
    }

    @Test
    void opensForTheRetailerThatOwnsTheTariff() {
        RetailerId north = new RetailerId("north-energy");
        FixtureConfiguration<MeterAccount> fixture = new AggregateTestFixture<>(MeterAccount.class);
        fixture.registerInjectableResource(new InMemoryTariffBook().define(TARIFF, exampleTimeOfUseTariff(), north));
        OpenMeterAccount open = account().open();
        fixture.givenNoPriorActivity()
                .when(new OpenMeterAccount(open.meterId(), open.customerId(), open.tariffId(), open.timezone(),
                        open.lowCreditThreshold(), open.emergencyCreditLimit(), open.autoEmergencyCredit(), open.debt(),
                        open.debtRecoveryPercent(), open.vulnerable(), open.friendlyCredit(), open.at(), north))
                .expectEvents(new MeterAccountOpened(METER, CUSTOMER, TARIFF, AMSTERDAM, Currency.getInstance("EUR"),
                        THRESHOLD, EMERGENCY_LIMIT, false, eur("0"), Percentage.zero(), false,
                        FriendlyCreditCalendar.standard(), OPENED, north));
    }

    @Test
    void anotherRetailersTariffIsAsIfItWereNotThere() {
        FixtureConfiguration<MeterAccount> fixture = new AggregateTestFixture<>(MeterAccount.class);
        fixture.registerInjectableResource(new InMemoryTariffBook()
                .define(TARIFF, exampleTimeOfUseTariff(), new RetailerId("north-energy")));
        fixture.givenNoPriorActivity()
                .when(account().open())
                .expectNoEvents()
                .expectException(UnknownTariffException.class);
    }

    @Test
    void needsADefinedTariff() {
        FixtureConfiguration<MeterAccount> withoutTariffs = new AggregateTestFixture<>(MeterAccount.class);
        withoutTariffs.registerInjectableResource(new InMemoryTariffBook());
        withoutTariffs.givenNoPriorActivity()
                .when(account().open())
                .expectNoEvents()
                .expectException(UnknownTariffException.class);
    }

    @Test
    void refusesMoneyInAnotherCurrencyThanTheTariffs() {
        OpenMeterAccount inPounds = new OpenMeterAccount(METER, CUSTOMER, TARIFF, AMSTERDAM, Money.of("5", "GBP"),
                EMERGENCY_LIMIT, false, eur("0"), Percentage.zero(), false, FriendlyCreditCalendar.standard(), OPENED);
        fixtureWith(exampleTimeOfUseTariff())
                .givenNoPriorActivity()
                .when(inPounds)
                .expectNoEvents()
                .expectException(invalidField("lowCreditThreshold"));
    }

    @Test
    void refusesANegativeDebt() {
        fixtureWith(exampleTimeOfUseTariff())
                .givenNoPriorActivity()
                .when(account().debt("-1", "10").open())
                .expectNoEvents()
                .expectException(invalidField("debt"));
    }
}
