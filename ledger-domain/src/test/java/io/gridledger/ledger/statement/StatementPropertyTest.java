package io.gridledger.ledger.statement;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.CloseSettlementPeriod;
import io.gridledger.ledger.account.MeterAccount;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.ReviewCreditControl;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.support.InMemoryTariffBook;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.Netting;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.ReactivePricing;
import io.gridledger.ledger.tariff.SurplusRule;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUse;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated months of readings (import, export, reactive), payments, reviews and operator
 * closes, under each netting rule: the statements' lines add up exactly to every balance movement
 * of the events, a closed statement never changes afterwards, and the kWh bank balances.
 */
class StatementPropertyTest {

    private static final MeterId METER = new MeterId("MTR-P");
    private static final TariffId TARIFF = new TariffId("tariff-p");
    private static final Instant OPENED = local("2025-01-20T09:00");

    sealed interface Step permits Delivery, Payment, Review, OperatorClose {
    }

    record Delivery(int gapHours, List<int[]> deltas) implements Step {
    }

    record Payment(int gapHours, long cents) implements Step {
    }

    record Review(int gapHours) implements Step {
    }

    record OperatorClose(int gapHours) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<int[]> delta = Combinators.combine(Arbitraries.integers().between(0, 3_000),
                Arbitraries.integers().between(0, 3_000), Arbitraries.integers().between(0, 2_500))
                .as((i, e, q) -> new int[] {i, e, q});
        Arbitrary<Step> delivery = Combinators.combine(Arbitraries.integers().between(0, 200),
                delta.list().ofMinSize(1).ofMaxSize(6)).as(Delivery::new);
        Arbitrary<Step> payment = Combinators.combine(Arbitraries.integers().between(0, 100),
                Arbitraries.longs().between(1, 5_000)).as(Payment::new);
        Arbitrary<Step> review = Arbitraries.integers().between(1, 600).map(Review::new);
        Arbitrary<Step> close = Arbitraries.integers().between(0, 72).map(OperatorClose::new);
        return Arbitraries.frequencyOf(Tuple.of(6, delivery), Tuple.of(2, payment), Tuple.of(2, review),
                Tuple.of(1, close)).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<TariffDefinition> tariffs() {
        TariffDefinition tou = tariff(exampleTimeOfUse(), "0.2500", Instant.parse("2025-01-01T00:00:00Z"));
        TariffDefinition blocks = tariff(ImportPricing.blocks(List.of(new PriceBlock(20_000L, new BigDecimal("0.2017")),
                new PriceBlock(null, new BigDecimal("0.4501")))), "0.1300", Instant.parse("2025-01-01T00:00:00Z"));
        ReactivePricing reactive = new ReactivePricing(new BigDecimal("0.0150"), new BigDecimal("0.48"));
        return Arbitraries.of(
                tou,
                blocks.withReactive(reactive),
                tou.withNetting(Netting.NET_METERING, SurplusRule.CARRY_OVER),
                blocks.withNetting(Netting.NET_METERING, SurplusRule.PAY_AT_EXPORT_PRICE).withReactive(reactive));
    }

    @Property(tries = 120)
    void statementsAddUpToEveryBalanceMovementAndClosedOnesNeverChange(
            @ForAll("histories") List<Step> steps, @ForAll("tariffs") TariffDefinition tariff) {
        InMemoryTariffBook book = new InMemoryTariffBook().define(TARIFF, tariff);
        FixtureConfiguration<MeterAccount> fixture = new AggregateTestFixture<>(MeterAccount.class);
        fixture.registerInjectableResource(book);
        fixture.registerInjectableResource(io.gridledger.ledger.account.MeterClockTolerance.DEFAULT);
        List<Object> commands = commandsFor(steps);
        fixture.givenCommands(commands.subList(0, commands.size() - 1))
                .when(commands.get(commands.size() - 1))
                .expectSuccessfulHandlerExecution();
        List<Object> events = fixture.getEventStore().readEvents(METER.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
        var history = book.find(TARIFF).orElseThrow();
        List<Statement> statements = AccountStatements.fold(events, history).statements();

        Money balance = eur("0");
        long importWh = 0;
        for (Object event : events) {
            if (event instanceof AccountToppedUp e) {
                balance = e.balanceAfter();
            } else if (event instanceof MeterReadingsRecorded e) {
                balance = e.balanceAfter();
                importWh += e.intervals().stream().mapToLong(AcceptedInterval::importWh).sum();
            } else if (event instanceof StandingChargeApplied e) {
                balance = e.balanceAfter();
            } else if (event instanceof SettlementPeriodClosed e) {
                balance = e.balanceAfter();
            }
        }
        Money lines = eur("0");
        for (Statement s : statements) {
            Money sum = s.lines().stream().map(StatementLine::amount).reduce(eur("0"), Money::plus);
            assertThat(s.closingBalance()).as("closing of %s", s.period()).isEqualTo(s.openingBalance().plus(sum));
            lines = lines.plus(sum);
        }
        assertThat(lines).as("all statement lines against the balance").isEqualTo(balance);
        assertThat(statements.stream().mapToLong(s -> s.energy().importWh()).sum()).isEqualTo(importWh);
        for (int i = 1; i < statements.size(); i++) {
            assertThat(statements.get(i).openingBalance()).isEqualTo(statements.get(i - 1).closingBalance());
            assertThat(statements.get(i).bank().openingWh()).isEqualTo(statements.get(i - 1).bank().carriedWh());
        }

        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof SettlementPeriodClosed closed) {
                Statement atClose = AccountStatements.fold(events.subList(0, i + 1), history)
                        .statement(closed.period()).orElseThrow();
                Statement now = AccountStatements.fold(events, history).statement(closed.period()).orElseThrow();
                assertThat(now).as("closed statement %s", closed.period()).isEqualTo(atClose);
                assertThat(now.status()).isEqualTo(Statement.Status.CLOSED);
                assertThat(now.bank().closingWh()).isEqualTo(closed.bankWh());
                assertThat(now.bank().paidOutWh() + now.bank().carriedWh()).isEqualTo(closed.bankWh());
            }
        }
    }

    private static List<Object> commandsFor(List<Step> steps) {
        List<Object> commands = new ArrayList<>();
        commands.add(new OpenMeterAccount(METER, new CustomerId("C-P"), TARIFF, AMSTERDAM, eur("5"), eur("10"), true,
                eur("0"), Percentage.zero(), false, FriendlyCreditCalendar.none(), OPENED));
        Instant clock = OPENED.plusSeconds(60);
        long imported = 0;
        long exported = 0;
        long q1 = 0;
        Instant lastReading = OPENED;
        int payments = 0;
        for (Step step : steps) {
            if (step instanceof Delivery d) {
                Instant t = later(clock, lastReading).plus(Duration.ofHours(d.gapHours())).plusSeconds(900);
                List<RegisterReading> readings = new ArrayList<>();
                for (int[] delta : d.deltas()) {
                    imported += delta[0];
                    exported += delta[1];
                    q1 += delta[2];
                    readings.add(new RegisterReading(t, imported, exported, q1, 0L, 0L, 0L, null, null, null));
                    lastReading = t;
                    t = t.plusSeconds(900);
                }
                // readings often arrive late, after their period closed
                clock = lastReading.plus(Duration.ofHours(d.gapHours() % 7 == 0 ? 24 * 5 : 1));
                commands.add(new RecordMeterReadings(METER, readings, clock));
            } else if (step instanceof Payment p) {
                clock = clock.plus(Duration.ofHours(p.gapHours()));
                commands.add(new TopUpAccount(METER, new PaymentId("pay-" + ++payments),
                        Money.of(BigDecimal.valueOf(p.cents(), 2).toPlainString(), "EUR"), clock, clock));
            } else if (step instanceof Review r) {
                clock = clock.plus(Duration.ofHours(r.gapHours()));
                commands.add(new ReviewCreditControl(METER, clock));
            } else if (step instanceof OperatorClose c) {
                clock = clock.plus(Duration.ofHours(c.gapHours()));
                // now and then the running period is closed early, otherwise the one before
                YearMonth current = SettlementPeriods.periodAt(clock, AMSTERDAM);
                commands.add(new CloseSettlementPeriod(METER, c.gapHours() % 3 == 0 ? current : current.minusMonths(1),
                        clock));
            }
        }
        return commands;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
