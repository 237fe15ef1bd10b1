package io.gridledger.bench;

import io.gridledger.ledger.market.Clearing;
import io.gridledger.ledger.market.DeliveryAllocation;
import io.gridledger.ledger.market.DoubleAuction;
import io.gridledger.ledger.market.Order;
import io.gridledger.ledger.market.Side;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Clearing one delivery interval's order book (uniform-price double auction) and allocating the
 * measured energy to its trades: {@code --orders=10000} (half bids, half offers, prices spread
 * around 0.25/kWh so that about half the volume crosses), {@code --runs=30} timed after 10 warm-ups.
 * Prints the median and the slowest run. Bar (issue 5): clearing under 1 s.
 */
final class MarketClearingBenchmark {

    private MarketClearingBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = Benchmarks.options(args);
        int orders = Integer.parseInt(opts.getOrDefault("orders", "10000"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "30"));
        List<Order> book = book(orders, new SplittableRandom(20261128L));
        Map<MeterId, Long> measured = new HashMap<>();
        book.forEach(o -> measured.put(o.meterId(), o.energyWh() * 3 / 4));

        long[] clearNanos = new long[runs];
        long[] allocateNanos = new long[runs];
        Clearing clearing = null;
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            clearing = DoubleAuction.clear(book);
            long cleared = System.nanoTime();
            DeliveryAllocation.allocate(clearing.matches(), measured, measured);
            long allocated = System.nanoTime();
            if (i >= 0) {
                clearNanos[i] = cleared - start;
                allocateNanos[i] = allocated - cleared;
            }
        }
        Arrays.sort(clearNanos);
        Arrays.sort(allocateNanos);
        System.out.printf("market clearing: %,d orders → %,d matches, %,d Wh at %s/kWh%n", orders,
                clearing.matches().size(), clearing.volumeWh(), clearing.pricePerKwh());
        System.out.printf("  clear:    median %.2f ms, slowest %.2f ms (%d runs)%n", clearNanos[runs / 2] / 1e6,
                clearNanos[runs - 1] / 1e6, runs);
        System.out.printf("  allocate: median %.2f ms, slowest %.2f ms%n", allocateNanos[runs / 2] / 1e6,
                allocateNanos[runs - 1] / 1e6);
    }

    static List<Order> book(int orders, SplittableRandom random) {
        List<Order> book = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
            int centre = side == Side.BUY ? 2_300 : 2_700;
            BigDecimal price = BigDecimal.valueOf(Math.max(0, centre + random.nextInt(-1_500, 1_500)), 4);
            book.add(new Order(new OrderId("o-" + i), new MeterId("m-" + (i % 1_000)), side,
                    100 + random.nextInt(5_000), price, i));
        }
        return book;
    }
}
