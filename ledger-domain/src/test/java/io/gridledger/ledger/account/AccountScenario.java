package io.gridledger.ledger.account;

import io.gridledger.ledger.support.InMemoryTariffBook;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.local;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Building blocks for account scenarios. The account opens on Monday 2025-03-03 at 09:00 Amsterdam
 * time with a low-credit threshold of 5.0000 EUR and an emergency credit limit of 10.0000 EUR.
 */
final class AccountScenario {

    static final MeterId METER = new MeterId("MTR-0001");
    static final CustomerId CUSTOMER = new CustomerId("CUST-42");
    static final TariffId TARIFF = new TariffId("tariff-2025");
    static final Instant OPENED = local("2025-03-03T09:00");
    static final Money THRESHOLD = eur("5");
    static final Money EMERGENCY_LIMIT = eur("10");

    private AccountScenario() {
    }

    static FixtureConfiguration<MeterAccount> fixtureWith(TariffDefinition... versions) {
        InMemoryTariffBook book = new InMemoryTariffBook();
        for (TariffDefinition v : versions) {
            book.define(TARIFF, v);
        }
        FixtureConfiguration<MeterAccount> fixture = new AggregateTestFixture<>(MeterAccount.class);
        fixture.registerInjectableResource(book);
        fixture.registerInjectableResource(io.gridledger.ledger.account.MeterClockTolerance.DEFAULT);
        return fixture;
    }

    static Opening account() {
        return new Opening();
    }

    /** An {@link OpenMeterAccount} with defaults that tests override where they matter. */
    static final class Opening {
        private Money lowCreditThreshold = THRESHOLD;
        private Money emergencyCreditLimit = EMERGENCY_LIMIT;
        private boolean autoEmergencyCredit;
        private Money debt = eur("0");
        private Percentage debtRecovery = Percentage.zero();
        private boolean vulnerable;
        private FriendlyCreditCalendar friendly = FriendlyCreditCalendar.standard();
        private Instant at = OPENED;

        Opening threshold(String amount) {
            lowCreditThreshold = eur(amount);
            return this;
        }

        Opening emergencyLimit(String amount) {
            emergencyCreditLimit = eur(amount);
            return this;
        }

        Opening autoEmergencyCredit() {
            autoEmergencyCredit = true;
            return this;
        }

        Opening debt(String amount, String recoveryPercent) {
            debt = eur(amount);
            debtRecovery = Percentage.of(recoveryPercent);
            return this;
        }

        Opening vulnerable() {
            vulnerable = true;
            return this;
        }

        Opening friendly(FriendlyCreditCalendar calendar) {
            friendly = calendar;
            return this;
        }

        Opening at(Instant openedAt) {
            at = openedAt;
            return this;
        }

        OpenMeterAccount open() {
            return new OpenMeterAccount(METER, CUSTOMER, TARIFF, AMSTERDAM, lowCreditThreshold, emergencyCreditLimit,
                    autoEmergencyCredit, debt, debtRecovery, vulnerable, friendly, at);
        }
    }

    static RegisterReading reading(String localTime, long importWh) {
        return RegisterReading.of(local(localTime), importWh, null);
    }

    static RecordMeterReadings delivery(Instant receivedAt, RegisterReading... readings) {
        return new RecordMeterReadings(METER, List.of(readings), receivedAt);
    }

    /** A delivery received a minute after its last reading. */
    static RecordMeterReadings delivery(RegisterReading... readings) {
        Instant last = readings[readings.length - 1].at();
        return delivery(last.plusSeconds(60), readings);
    }

    static TopUpAccount topUp(String paymentId, String amount, Instant at) {
        return new TopUpAccount(METER, new PaymentId(paymentId), eur(amount), at, at);
    }

    static ReviewCreditControl review(Instant at) {
        return new ReviewCreditControl(METER, at);
    }

    static ImportCharge charge(String label, long wh, String price, String amount) {
        return new ImportCharge(label, wh, new BigDecimal(price), eur(amount));
    }

    static Matcher<InvalidAccountCommandException> invalidField(String field) {
        return satisfies(InvalidAccountCommandException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
