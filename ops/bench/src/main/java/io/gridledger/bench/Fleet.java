package io.gridledger.bench;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Driving a simulated fleet from client threads, and waiting for the processors to catch up. */
final class Fleet {

    interface MeterTask {
        void run(int meterIndex) throws Exception;
    }

    private Fleet() {
    }

    /** Runs {@code task} for meters 0…meters−1, each thread taking every {@code threads}-th meter. */
    static void forEachMeter(int threads, int meters, MeterTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < meters; i += threads) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Waits (up to 30 minutes) until {@code sql} counts at least {@code expected}. */
    static void awaitCount(JdbcTemplate jdbc, String sql, long expected, Object... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            long n = jdbc.queryForObject(sql, Long.class, args);
            if (n >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("read models did not catch up: " + n + " of " + expected);
            }
            Thread.sleep(100);
        }
    }
}
