package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.OrderId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlement on generated markets and generated measurements (some traders without readings):
 * money is conserved per interval, nothing is settled beyond what was measured, and every
 * measured exported Wh is certified exactly once.
 */
class SettlementPropertyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final CommunityId PARK = new CommunityId("park");
    private static final Instant START = Instant.parse("2026-07-01T10:00:00Z");
    private static final MarketRules RULES = new MarketRules(EUR, MarketRules.DEFAULT_INTERVAL,
            MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.0350"), new BigDecimal("0.0040"),
            new BigDecimal("0.0500"), true);

    /** One member: its order (if it trades) and what its meter measured (null: no readings by the deadline). */
    record Member(Order order, MeasuredInterval measured) {
    }

    @Provide
    Arbitrary<List<Member>> communities() {
        Arbitrary<Member> member = Combinators.combine(
                Arbitraries.of(Side.values()), Arbitraries.longs().between(1, 4_000),
                Arbitraries.integers().between(500, 3_500), Arbitraries.longs().between(0, 6_000),
                Arbitraries.longs().between(0, 6_000), Arbitraries.integers().between(0, 9),
                Arbitraries.of(true, false)).as((side, wh, price, imported, exported, kind, trades) -> {
            MeterId meter = new MeterId("m");
            Order order = trades ? new Order(new OrderId("o"), meter, side, wh, BigDecimal.valueOf(price, 4), 0) : null;
            // a tenth without readings; a third net metering (the export banked, not credited)
            MeasuredInterval m = kind == 0 ? null : new MeasuredInterval(meter, imported, exported,
                    money("0.3000", imported), kind % 3 == 0 ? Money.zero(EUR) : money("0.0800", exported),
                    kind % 3 == 0 ? exported : 0);
            return new Member(order, m);
        });
        return member.list().ofMinSize(1).ofMaxSize(40).map(list -> {
            List<Member> numbered = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                MeterId meter = new MeterId("meter-" + i);
                Member m = list.get(i);
                Order o = m.order() == null ? null : new Order(new OrderId("o-" + i), meter, m.order().side(),
                        m.order().energyWh(), m.order().limitPricePerKwh(), i);
                MeasuredInterval measured = m.measured() == null ? null : new MeasuredInterval(meter,
                        m.measured().importWh(), m.measured().exportWh(), m.measured().importCharged(),
                        m.measured().exportCredited(), m.measured().bankDepositedWh());
                numbered.add(new Member(o, measured));
            }
            return numbered;
        });
    }

    @Property(tries = 500)
    void conservesMoneySettlesNoMoreThanMeasuredAndCertifiesEachExportedWhOnce(
            @ForAll("communities") List<Member> members) {
        List<Order> orders = members.stream().map(Member::order).filter(o -> o != null).toList();
        Clearing clearing = DoubleAuction.clear(orders);
        IntervalCleared cleared = new IntervalCleared(PARK, START, clearing.pricePerKwh(), clearing.matches(),
                clearing.volumeWh(), START);
        List<MeasuredInterval> measurements = members.stream().map(Member::measured).filter(m -> m != null).toList();
        IntervalSettled settled = IntervalSettlement.settle(PARK, START, RULES, cleared, measurements,
                START.plusSeconds(3_600));

        Map<MeterId, MeasuredInterval> byMeter = new HashMap<>();
        measurements.forEach(m -> byMeter.put(m.meterId(), m));
        Money paid = Money.zero(EUR);
        Money received = Money.zero(EUR);
        Money fees = Money.zero(EUR);
        Map<MeterId, Long> sold = new HashMap<>();
        Map<MeterId, Long> bought = new HashMap<>();
        for (TradeSettlement t : settled.trades()) {
            assertThat(t.deliveredWh()).isBetween(0L, t.matchedWh());
            if (t.readingsMissing()) {
                assertThat(t.deliveredWh()).as("a side without readings delivered nothing").isZero();
            }
            paid = paid.plus(t.amounts().buyerPays());
            received = received.plus(t.amounts().sellerReceives());
            fees = fees.plus(t.amounts().fees());
            sold.merge(t.seller(), t.deliveredWh(), Long::sum);
            bought.merge(t.buyer(), t.deliveredWh(), Long::sum);
            assertThat(t.sellerBankWithdrawnWh()).isLessThanOrEqualTo(t.deliveredWh());
        }
        assertThat(paid).as("buyers' money = sellers' money + fees").isEqualTo(received.plus(fees));
        sold.forEach((m, wh) -> assertThat(wh).isLessThanOrEqualTo(exportOf(byMeter, m)));
        bought.forEach((m, wh) -> assertThat(wh).isLessThanOrEqualTo(importOf(byMeter, m)));
        assertThat(sum(sold)).as("kWh sold = kWh bought").isEqualTo(sum(bought));

        Map<MeterId, Long> certified = new HashMap<>();
        Map<MeterId, Long> retiredTo = new HashMap<>();
        for (GreenCertificate c : settled.certificates()) {
            certified.merge(c.sourceMeter(), c.wh(), Long::sum);
            if (c.status() == CertificateStatus.RETIRED) {
                retiredTo.merge(c.owner(), c.wh(), Long::sum);
            }
        }
        assertThat(new HashSet<>(settled.certificates().stream().map(GreenCertificate::certificateId).toList()))
                .hasSize(settled.certificates().size());
        for (MeasuredInterval m : measurements) {
            assertThat(certified.getOrDefault(m.meterId(), 0L)).as("certified export of " + m.meterId())
                    .isEqualTo(m.exportWh());
        }
        assertThat(retiredTo).as("a buyer's retired certificates are what it was delivered")
                .isEqualTo(bought.entrySet().stream().filter(e -> e.getValue() > 0)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static long exportOf(Map<MeterId, MeasuredInterval> byMeter, MeterId m) {
        return byMeter.containsKey(m) ? byMeter.get(m).exportWh() : 0;
    }

    private static long importOf(Map<MeterId, MeasuredInterval> byMeter, MeterId m) {
        return byMeter.containsKey(m) ? byMeter.get(m).importWh() : 0;
    }

    private static long sum(Map<MeterId, Long> wh) {
        return wh.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Money money(String pricePerKwh, long wh) {
        return Money.rounded(new BigDecimal(pricePerKwh).multiply(BigDecimal.valueOf(wh)).movePointLeft(3), EUR);
    }
}
