package io.gridledger.ledger.account;

import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.Instant;
import java.time.LocalDate;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.invalidField;
import static io.gridledger.ledger.account.AccountScenario.reading;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;

/** Crediting payments. Flat tariff of 1.0000 EUR/kWh; all on Monday 2025-03-03 unless said otherwise. */
class TopUpTest {

    private static final PaymentId PAY_1 = new PaymentId("pay-1");
    private static final Instant PAID = local("2025-03-03T11:58");
    private static final Instant AT = local("2025-03-03T12:00");

    private FixtureConfiguration<MeterAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM));
    }

    private static TopUpAccount pay(String paymentId, String amount) {
        return new TopUpAccount(METER, new PaymentId(paymentId), eur(amount), PAID, AT);
    }

    /** Emergency credit in use: balance −3.0000 after a reading of 3 kWh. */
    private TestExecutor<MeterAccount> givenEmergencyBalanceOfMinusThree(AccountScenario.Opening opening) {
        return fixture.givenCommands(opening.open(),
                new ActivateEmergencyCredit(METER, local("2025-03-03T09:30")),
                delivery(reading("2025-03-03T10:00", 0), reading("2025-03-03T10:15", 3_000)));
    }

    @Test
    void creditsAPaymentToTheBalance() {
        Money zero = eur("0");
        fixture.givenCommands(account().open())
                .when(pay("pay-1", "20"))
                .expectEvents(
                        new AccountToppedUp(METER, PAY_1, eur("20"), PAID, zero, zero, eur("20"), zero, YearMonth.of(2025, 3), AT),
                        new CreditStateChanged(METER, CreditState.LOW, CreditState.OK, eur("20"), AT))
                .expectResultMessagePayload(
                        new TopUpReceipt(PAY_1, eur("20"), PAID, zero, zero, eur("20"), zero, AT, false, 2));
    }

    @Test
    void repeatingAPaymentCreditsNothingAndReturnsTheFirstReceipt() {
        Money zero = eur("0");
        fixture.givenCommands(account().open(), pay("pay-1", "20"))
                .when(new TopUpAccount(METER, PAY_1, eur("20.00"), PAID, AT.plusSeconds(3600)))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new TopUpReceipt(PAY_1, eur("20"), PAID, zero, zero, eur("20"), zero, AT, true, 2));
    }

    @Test
    void aPaymentIdReusedWithAnotherAmountIsAConflict() {
        fixture.givenCommands(account().open(), pay("pay-1", "20"))
                .when(pay("pay-1", "25"))
                .expectNoEvents()
                .expectException(PaymentConflictException.class);
    }

    @Test
    void aPaymentIdReusedWithAnotherPaymentTimeIsAConflict() {
        fixture.givenCommands(account().open(), pay("pay-1", "20"))
                .when(new TopUpAccount(METER, PAY_1, eur("20"), PAID.minusSeconds(86_400), AT))
                .expectNoEvents()
                .expectException(PaymentConflictException.class);
    }

    @Test
    void aNewPaymentIdIsCreditedAgain() {
        Money zero = eur("0");
        fixture.givenCommands(account().open(), pay("pay-1", "20"))
                .when(pay("pay-2", "20"))
                .expectEvents(new AccountToppedUp(METER, new PaymentId("pay-2"), eur("20"), PAID, zero, zero,
                        eur("40"), zero, YearMonth.of(2025, 3), AT));
    }

    @Test
    void refusesAZeroOrNegativeAmount() {
        fixture.givenCommands(account().open())
                .when(pay("pay-1", "0"))
                .expectNoEvents()
                .expectException(invalidField("amount"));
        fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM))
                .givenCommands(account().open())
                .when(pay("pay-1", "-5"))
                .expectNoEvents()
                .expectException(invalidField("amount"));
    }

    @Test
    void refusesAnAmountInAnotherCurrency() {
        fixture.givenCommands(account().open())
                .when(new TopUpAccount(METER, PAY_1, Money.of("20", "GBP"), PAID, AT))
                .expectNoEvents()
                .expectException(invalidField("amount.currency"));
    }

    @Test
    void repaysANegativeBalanceFirstThenRecoversDebtFromTheRest() {
        // 10 pays the −3 balance; 25 % of the remaining 7 (1.75) goes to the 50 debt; balance −3 + 10 − 1.75.
        givenEmergencyBalanceOfMinusThree(account().debt("50", "25"))
                .when(pay("pay-1", "10"))
                .expectEvents(
                        new AccountToppedUp(METER, PAY_1, eur("10"), PAID, eur("3"), eur("1.75"), eur("5.25"),
                                eur("48.25"), YearMonth.of(2025, 3), AT),
                        new EmergencyCreditRepaid(METER, AT),
                        new CreditStateChanged(METER, CreditState.EMERGENCY, CreditState.OK, eur("5.25"), AT));
    }

    @Test
    void recoversNoDebtFromATopUpThatOnlyReducesTheNegativeBalance() {
        givenEmergencyBalanceOfMinusThree(account().debt("50", "25"))
                .when(pay("pay-1", "2"))
                .expectEvents(new AccountToppedUp(METER, PAY_1, eur("2"), PAID, eur("2"), eur("0"), eur("-1"),
                        eur("50"), YearMonth.of(2025, 3), AT));
    }

    @Test
    void neverRecoversMoreThanTheDebt() {
        fixture.givenCommands(account().debt("2", "25").open())
                .when(pay("pay-1", "20"))
                .expectEvents(
                        new AccountToppedUp(METER, PAY_1, eur("20"), PAID, eur("0"), eur("2"), eur("18"), eur("0"), YearMonth.of(2025, 3),
                                AT),
                        new CreditStateChanged(METER, CreditState.LOW, CreditState.OK, eur("18"), AT));
    }

    @Test
    void recoversNothingOnceTheDebtIsPaid() {
        fixture.givenCommands(account().debt("2", "25").open(), pay("pay-1", "20"))
                .when(pay("pay-2", "10"))
                .expectEvents(new AccountToppedUp(METER, new PaymentId("pay-2"), eur("10"), PAID, eur("0"),
                        eur("0"), eur("28"), eur("0"), YearMonth.of(2025, 3), AT));
    }

    @Test
    void roundsDebtRecoveryHalfEvenToFourDecimals() {
        // 50 % of 10.0001 is 5.00005 → 5.0000; 50 % of 10.0003 is 5.00015 → 5.0002.
        fixture.givenCommands(account().debt("100", "50").open())
                .when(pay("pay-1", "10.0001"))
                .expectEvents(new AccountToppedUp(METER, PAY_1, eur("10.0001"), PAID, eur("0"), eur("5.0000"),
                                eur("5.0001"), eur("95.0000"), YearMonth.of(2025, 3), AT),
                        new CreditStateChanged(METER, CreditState.LOW, CreditState.OK, eur("5.0001"), AT));
        fixtureWith(tariff(flat("1.0000"), "0.5000", VALID_FROM))
                .givenCommands(account().debt("100", "50").open())
                .when(pay("pay-1", "10.0003"))
                .expectEvents(new AccountToppedUp(METER, PAY_1, eur("10.0003"), PAID, eur("0"), eur("5.0002"),
                        eur("5.0001"), eur("94.9998"), YearMonth.of(2025, 3), AT),
                        new CreditStateChanged(METER, CreditState.LOW, CreditState.OK, eur("5.0001"), AT));
    }

    @Test
    void chargesTheStandingChargesDueBeforeCreditingAPayment() {
        Money zero = eur("0");
        Instant friday = local("2025-03-07T10:00");
        fixture.givenCommands(account().open(), topUp("pay-1", "20", OPENED.plusSeconds(60)))
                .when(new TopUpAccount(METER, new PaymentId("pay-2"), eur("10"), friday, friday))
                .expectEvents(
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.5"),
                                eur("19.5"), friday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 5), 1, eur("0.5"),
                                eur("19"), friday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 6), 1, eur("0.5"),
                                eur("18.5"), friday),
                        new StandingChargeApplied(METER, LocalDate.of(2025, 3, 7), 1, eur("0.5"),
                                eur("18"), friday),
                        new AccountToppedUp(METER, new PaymentId("pay-2"), eur("10"), friday, zero, zero, eur("28"),
                                zero, YearMonth.of(2025, 3), friday));
    }
}
