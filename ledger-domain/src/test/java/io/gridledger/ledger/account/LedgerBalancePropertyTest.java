package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUseTariff;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever meters deliver and customers pay, the ledger adds up: the balance is exactly the top-ups
 * less debt recovered, less import charges, less standing charges. The tariff is the time-of-use
 * example until Tuesday 2025-03-04 12:00 and small graduated blocks from then on; the account carries a debt.
 */
class LedgerBalancePropertyTest {

    private static final TariffDefinition TOU = exampleTimeOfUseTariff();
    private static final TariffDefinition BLOCKS = tariff(ImportPricing.blocks(List.of(
            new PriceBlock(20_000L, new BigDecimal("0.2017")),
            new PriceBlock(60_000L, new BigDecimal("0.3133")),
            new PriceBlock(null, new BigDecimal("0.4501")))), "0.3100", local("2025-03-04T12:00"));
    private static final Money DEBT = eur("30");

    sealed interface Step permits Delivery, Payment, Review, Confirmation {
    }

    /**
     * Readings {@code spacing} quarter hours apart after a gap; REPEAT sends the last delivery again,
     * WITH_REPEAT sends it again together with new readings.
     */
    record Delivery(int gapQuarters, List<Integer> deltasWh, int spacingQuarters, Kind kind) implements Step {
        enum Kind { NORMAL, WITH_BACKWARDS_READING, REPEAT, WITH_REPEAT }
    }

    /** A top-up of {@code tenThousandths}/10,000 EUR, or the last payment sent again. */
    record Payment(int gapMinutes, long tenThousandths, boolean repeat) implements Step {
    }

    record Review(int gapMinutes) implements Step {
    }

    record Confirmation(int gapMinutes, SupplyState state) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> delivery = Combinators.combine(
                Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 40_000).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.integers().between(1, 48),
                Arbitraries.of(Delivery.Kind.class)).as(Delivery::new);
        Arbitrary<Step> payment = Combinators.combine(
                Arbitraries.integers().between(0, 3_000),
                Arbitraries.longs().between(1, 800_000),
                Arbitraries.of(true, false, false)).as(Payment::new);
        Arbitrary<Step> review = Arbitraries.integers().between(1, 3_000).map(Review::new);
        Arbitrary<Step> confirmation = Combinators.combine(Arbitraries.integers().between(0, 60),
                Arbitraries.of(SupplyState.class)).as(Confirmation::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, delivery),
                        Tuple.of(3, payment),
                        Tuple.of(1, review),
                        Tuple.of(1, confirmation))
                .list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 150)
    void theBalanceIsTopUpsLessDebtRecoveredLessChargesLessStandingCharges(
            @ForAll("scenarios") List<Step> steps, @ForAll boolean autoEmergencyCredit) {
        List<Object> commands = commandsFor(steps, autoEmergencyCredit);
        FixtureConfiguration<MeterAccount> fixture = fixtureWith(TOU, BLOCKS);
        fixture.givenCommands(commands.subList(0, commands.size() - 1))
                .when(commands.get(commands.size() - 1))
                .expectSuccessfulHandlerExecution();
        List<Object> events = fixture.getEventStore().readEvents(METER.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();

        Money balance = eur("0");
        Money debt = DEBT;
        Money topUps = eur("0");
        Money recovered = eur("0");
        Money charges = eur("0");
        Money standing = eur("0");
        for (Object event : events) {
            if (event instanceof AccountToppedUp e) {
                topUps = topUps.plus(e.amount());
                recovered = recovered.plus(e.debtRecovered());
                balance = balance.plus(e.amount()).minus(e.debtRecovered());
                debt = debt.minus(e.debtRecovered());
                assertThat(e.balanceAfter()).as("balance after %s", e).isEqualTo(balance);
                assertThat(e.debtAfter()).as("debt after %s", e).isEqualTo(debt);
                assertThat(e.debtAfter().isNegative()).isFalse();
            } else if (event instanceof MeterReadingsRecorded e) {
                assertChargedExactly(e);
                charges = charges.plus(e.charged());
                balance = balance.minus(e.charged());
                assertThat(e.balanceAfter()).as("balance after %s", e).isEqualTo(balance);
            } else if (event instanceof StandingChargeApplied e) {
                standing = standing.plus(e.amount());
                balance = balance.minus(e.amount());
                assertThat(e.balanceAfter()).as("balance after %s", e).isEqualTo(balance);
            }
        }
        assertThat(balance).isEqualTo(topUps.minus(recovered).minus(charges).minus(standing));
        assertThat(recovered.plus(debt)).isEqualTo(DEBT);
    }

    private static void assertChargedExactly(MeterReadingsRecorded recorded) {
        Money sum = eur("0");
        for (AcceptedInterval interval : recorded.intervals()) {
            assertThat(interval.importWh()).isNotNegative();
            assertThat(interval.charges().stream().mapToLong(ImportCharge::wh).sum())
                    .as("parts of %s", interval).isEqualTo(interval.importWh());
            for (ImportCharge part : interval.charges()) {
                BigDecimal exact = BigDecimal.valueOf(part.wh()).multiply(part.pricePerKwh()).movePointLeft(3);
                assertThat(part.amount()).isEqualTo(Money.rounded(exact, part.amount().currency()));
                sum = sum.plus(part.amount());
            }
        }
        assertThat(recorded.charged()).isEqualTo(sum);
    }

    private static List<Object> commandsFor(List<Step> steps, boolean autoEmergencyCredit) {
        AccountScenario.Opening opening = account().debt("30", "20");
        if (autoEmergencyCredit) {
            opening.autoEmergencyCredit();
        }
        List<Object> commands = new ArrayList<>();
        commands.add(opening.open());
        Instant clock = OPENED.plusSeconds(60);
        long register = 5_000_000;
        Instant lastReadingAt = OPENED;
        RecordMeterReadings lastDelivery = null;
        TopUpAccount lastPayment = null;
        int payments = 0;
        for (Step step : steps) {
            if (step instanceof Delivery d) {
                if (d.kind() == Delivery.Kind.REPEAT && lastDelivery != null) {
                    clock = clock.plus(Duration.ofMinutes(15L * d.gapQuarters()));
                    commands.add(new RecordMeterReadings(METER, lastDelivery.readings(), clock));
                    continue;
                }
                Instant t = later(clock, lastReadingAt).plus(Duration.ofMinutes(15L * (d.gapQuarters() + 1)));
                List<RegisterReading> readings = new ArrayList<>();
                if (d.kind() == Delivery.Kind.WITH_BACKWARDS_READING) {
                    readings.add(RegisterReading.of(t.minusSeconds(60), register - 1, null));
                }
                if (d.kind() == Delivery.Kind.WITH_REPEAT && lastDelivery != null) {
                    readings.addAll(lastDelivery.readings());
                }
                for (int delta : d.deltasWh()) {
                    register += delta;
                    readings.add(RegisterReading.of(t, register, null));
                    lastReadingAt = t;
                    t = t.plus(Duration.ofMinutes(15L * d.spacingQuarters()));
                }
                clock = lastReadingAt.plusSeconds(60);
                lastDelivery = new RecordMeterReadings(METER, readings, clock);
                commands.add(lastDelivery);
            } else if (step instanceof Payment p) {
                clock = clock.plus(Duration.ofMinutes(p.gapMinutes()));
                if (p.repeat() && lastPayment != null) {
                    commands.add(new TopUpAccount(METER, lastPayment.paymentId(), lastPayment.amount(),
                            lastPayment.paidAt(), clock));
                } else {
                    Money amount = Money.of(BigDecimal.valueOf(p.tenThousandths(), 4).toPlainString(), "EUR");
                    lastPayment = new TopUpAccount(METER, new PaymentId("pay-" + ++payments), amount, clock, clock);
                    commands.add(lastPayment);
                }
            } else if (step instanceof Review r) {
                clock = clock.plus(Duration.ofMinutes(r.gapMinutes()));
                commands.add(new ReviewCreditControl(METER, clock));
            } else if (step instanceof Confirmation c) {
                clock = clock.plus(Duration.ofMinutes(c.gapMinutes()));
                commands.add(new ConfirmSupplyState(METER, c.state(), clock));
            }
        }
        return commands;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
