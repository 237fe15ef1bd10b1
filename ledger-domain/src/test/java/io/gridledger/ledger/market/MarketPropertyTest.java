package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Conservation and "never more than was offered, bid or measured", on generated markets. */
class MarketPropertyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Provide
    Arbitrary<List<Order>> markets() {
        Arbitrary<Order> order = Combinators.combine(
                Arbitraries.of(Side.values()),
                Arbitraries.integers().between(0, 9),
                Arbitraries.longs().between(1, 5_000),
                Arbitraries.integers().between(500, 3_500),
                Arbitraries.longs().between(0, 1_000_000)).as((side, meter, wh, tenthsOfMilli, seq) ->
                new Order(new io.gridledger.ledger.value.OrderId("o"),
                        new MeterId((side == Side.BUY ? "buyer-" : "seller-") + meter), side, wh,
                        BigDecimal.valueOf(tenthsOfMilli, 4), seq));
        // order ids are unique in a book: number them
        return order.list().ofMinSize(0).ofMaxSize(60).map(list -> {
            List<Order> unique = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Order o = list.get(i);
                unique.add(new Order(new io.gridledger.ledger.value.OrderId("o-" + i), o.meterId(), o.side(),
                        o.energyWh(), o.limitPricePerKwh(), o.sequence()));
            }
            return unique;
        });
    }

    @Property(tries = 500)
    void everyMatchRespectsBothLimitsAndNoOrderIsOverfilled(@ForAll("markets") List<Order> orders) {
        Clearing clearing = DoubleAuction.clear(orders);
        Map<String, Order> byId = orders.stream().collect(Collectors.toMap(o -> o.id().value(), o -> o, (a, b) -> a));
        Map<String, Long> filled = new HashMap<>();
        for (Match m : clearing.matches()) {
            Order bid = byId.get(m.buyOrder().value());
            Order offer = byId.get(m.sellOrder().value());
            assertThat(clearing.pricePerKwh()).isLessThanOrEqualTo(bid.limitPricePerKwh())
                    .isGreaterThanOrEqualTo(offer.limitPricePerKwh());
            filled.merge(bid.id().value(), m.energyWh(), Long::sum);
            filled.merge(offer.id().value(), m.energyWh(), Long::sum);
        }
        filled.forEach((id, wh) -> assertThat(wh).isLessThanOrEqualTo(byId.get(id).energyWh()));
        long bought = clearing.matches().stream().mapToLong(Match::energyWh).sum();
        assertThat(bought).isEqualTo(clearing.volumeWh());
        // no unmatched remainder of a bid and of an offer could still trade with each other at this price
        if (clearing.crossed()) {
            boolean bidLeft = orders.stream().anyMatch(o -> o.side() == Side.BUY
                    && filled.getOrDefault(o.id().value(), 0L) < o.energyWh()
                    && o.limitPricePerKwh().compareTo(clearing.pricePerKwh()) > 0);
            boolean offerLeft = orders.stream().anyMatch(o -> o.side() == Side.SELL
                    && filled.getOrDefault(o.id().value(), 0L) < o.energyWh()
                    && o.limitPricePerKwh().compareTo(clearing.pricePerKwh()) < 0);
            assertThat(bidLeft && offerLeft).as("an unfilled bid above and an unfilled offer below the price").isFalse();
        }
    }

    @Property(tries = 500)
    void deliveriesNeverExceedWhatWasMatchedOrMeasuredAndMoneyIsConserved(
            @ForAll("markets") List<Order> orders,
            @ForAll("measured") Map<Integer, Long> measured) {
        Clearing clearing = DoubleAuction.clear(orders);
        Map<MeterId, Long> export = new HashMap<>();
        Map<MeterId, Long> imported = new HashMap<>();
        measured.forEach((meter, wh) -> {
            export.put(new MeterId("seller-" + meter), wh);
            imported.put(new MeterId("buyer-" + meter), wh / 2);
        });
        List<DeliveryAllocation.Delivered> delivered = DeliveryAllocation.allocate(clearing.matches(), export, imported);
        Map<MeterId, Long> sold = new HashMap<>();
        Map<MeterId, Long> bought = new HashMap<>();
        Money buyers = Money.zero(EUR);
        Money sellers = Money.zero(EUR);
        Money fees = Money.zero(EUR);
        for (DeliveryAllocation.Delivered d : delivered) {
            assertThat(d.deliveredWh()).isBetween(0L, d.match().energyWh());
            sold.merge(d.match().seller(), d.deliveredWh(), Long::sum);
            bought.merge(d.match().buyer(), d.deliveredWh(), Long::sum);
            TradeAmounts money = TradeAmounts.of(clearing.pricePerKwh(), d.deliveredWh(), new BigDecimal("0.0350"),
                    new BigDecimal("0.0040"), EUR);
            buyers = buyers.plus(money.buyerPays());
            sellers = sellers.plus(money.sellerReceives());
            fees = fees.plus(money.fees());
        }
        sold.forEach((seller, wh) -> assertThat(wh).isLessThanOrEqualTo(export.getOrDefault(seller, 0L)));
        bought.forEach((buyer, wh) -> assertThat(wh).isLessThanOrEqualTo(imported.getOrDefault(buyer, 0L)));
        assertThat(sold.values().stream().mapToLong(Long::longValue).sum())
                .as("kWh sold = kWh bought").isEqualTo(bought.values().stream().mapToLong(Long::longValue).sum());
        assertThat(buyers).as("buyers' money = sellers' money + fees").isEqualTo(sellers.plus(fees));
    }

    @Provide
    Arbitrary<Map<Integer, Long>> measured() {
        return Arbitraries.maps(Arbitraries.integers().between(0, 9), Arbitraries.longs().between(0, 20_000))
                .ofMaxSize(10);
    }

    @Property(tries = 50)
    void theAllocationOrderGivesMeasuredEnergyToTheFirstTradesFirst() {
        MeterId seller = new MeterId("seller-1");
        List<Match> matches = new ArrayList<>(List.of(
                new Match(new io.gridledger.ledger.value.OrderId("b1"), new MeterId("buyer-1"),
                        new io.gridledger.ledger.value.OrderId("s1"), seller, 1_000),
                new Match(new io.gridledger.ledger.value.OrderId("b2"), new MeterId("buyer-2"),
                        new io.gridledger.ledger.value.OrderId("s1"), seller, 1_000)));
        List<DeliveryAllocation.Delivered> d = DeliveryAllocation.allocate(matches, Map.of(seller, 1_500L),
                Map.of(new MeterId("buyer-1"), 5_000L, new MeterId("buyer-2"), 5_000L));
        assertThat(d).extracting(DeliveryAllocation.Delivered::deliveredWh).containsExactly(1_000L, 500L);
    }
}
