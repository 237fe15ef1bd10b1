package io.gridledger.bench;

import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.market.MarketScheduler;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.community.DefineCommunity;
import io.gridledger.ledger.community.JoinCommunity;
import io.gridledger.ledger.market.ClearInterval;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.market.PlaceOrder;
import io.gridledger.ledger.market.Side;
import io.gridledger.ledger.tariff.DefineTariffVersion;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.OrderId;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Settles a day of a trading community: {@code --meters} accounts (30 % prosumers with PV, the rest
 * consumers) in one community, a day of quarter-hour readings, an order per member and interval
 * (96 books), each book cleared at its gate, then every interval settled against the readings and
 * every trade booked on both accounts. Prints the time of each step.
 *
 * <p>Arguments (all optional): {@code --meters=1000 --threads=8 --keep}.
 */
public final class MarketDayBenchmark {

    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final String COMMUNITY = "bench-park";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Benchmarks.options(args);
        int meters = Integer.parseInt(opts.getOrDefault("meters", "1000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        String server = System.getenv().getOrDefault("GRIDLEDGER_BENCH_DB_SERVER", "jdbc:postgresql://localhost:5432/");
        String database = "gridledger_bench_market_" + System.currentTimeMillis();
        System.setProperty("GRIDLEDGER_DB_URL", server + database);
        Instant day = LocalDate.now(ZONE).minusDays(2).atStartOfDay(ZONE).toInstant();

        SpringApplication app = new SpringApplication(GridLedgerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // system properties, as they outrank application.yml: the benchmark drives every step itself
        Map.of("gridledger.credit-review.interval", "1h", "gridledger.settlement.schedule-interval", "1h",
                "gridledger.reconciliation.interval", "1h", "gridledger.market.interval", "1h",
                "logging.level.io.gridledger", "WARN", "gridledger.adapter.mqtt.enabled", "false")
                .forEach(System::setProperty);
        System.out.printf("GridLedger market-day benchmark: %,d meters in one community, 96 intervals of %s, "
                + "%d threads, database %s%n", meters, LocalDate.ofInstant(day, ZONE), threads, database);
        boolean failed = false;
        try (ConfigurableApplicationContext context = app.run(args)) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            MarketScheduler scheduler = context.getBean(MarketScheduler.class);
            MarketRules rules = new MarketRules(Money.of("0", "EUR").currency(), MarketRules.DEFAULT_INTERVAL,
                    MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.03"), new BigDecimal("0.005"),
                    new BigDecimal("0.05"), false);

            long t0 = System.nanoTime();
            Instant opened = day.minus(Duration.ofHours(1));
            commands.sendAndWait(new DefineTariffVersion(new TariffId("bench-flat"), new TariffDefinition(
                    rules.currency(), ZONE, Instant.parse("2020-01-01T00:00:00Z"), BigDecimal.ZERO, BigDecimal.ZERO,
                    ImportPricing.blocks(List.of(new PriceBlock(null, new BigDecimal("0.3000")))),
                    new BigDecimal("0.0800")), opened));
            commands.sendAndWait(new DefineCommunity(new CommunityId(COMMUNITY), RetailerId.DEFAULT, "Benchmark park",
                    rules, opened));
            long[][] importWh = new long[meters][96];
            long[][] exportWh = new long[meters][96];
            Fleet.forEachMeter(threads, meters, i -> setUp(commands, i, day, opened, importWh[i], exportWh[i]));
            Fleet.awaitCount(jdbc, "SELECT count(DISTINCT meter_id) FROM interval_consumption "
                    + "WHERE interval_end = ?", meters, java.sql.Timestamp.from(day.plus(Duration.ofDays(1))));
            double setup = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            int orders = parallel(threads, 96, q -> placeOrders(commands, rules, day, q, meters, importWh, exportWh));
            double ordering = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            parallel(threads, 96, q -> {
                Instant start = day.plus(Duration.ofMinutes(15L * q));
                commands.sendAndWait(new ClearInterval(new CommunityId(COMMUNITY), start, rules.gateClosureOf(start)));
                return 1;
            });
            double clearing = (System.nanoTime() - t2) / 1e9;
            long trades = jdbc.queryForObject("SELECT count(*) FROM market_trade", Long.class);

            long t3 = System.nanoTime();
            int settled = scheduler.settleEndedIntervals(day.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));
            double settling = (System.nanoTime() - t3) / 1e9;
            long t4 = System.nanoTime();
            int sides = 0;
            for (int booked; (booked = scheduler.bookSettledTrades(Instant.now())) > 0; ) {
                sides += booked;
            }
            double booking = (System.nanoTime() - t4) / 1e9;

            Long delivered = jdbc.queryForObject("SELECT COALESCE(sum(delivered_wh), 0) FROM market_trade", Long.class);
            Long matched = jdbc.queryForObject("SELECT COALESCE(sum(matched_wh), 0) FROM market_trade", Long.class);
            BigDecimal imbalance = jdbc.queryForObject("SELECT COALESCE(sum(buyer_pays) - sum(seller_receives) "
                    + "- sum(grid_fee) - sum(platform_fee), 0) FROM market_trade", BigDecimal.class);
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| setup (open, join, a day of quarter-hour readings, read model current) | %.1f s |%n", setup);
            System.out.printf("| place %,d orders in 96 books | %.1f s (%,.0f orders/s) |%n", orders, ordering,
                    orders / ordering);
            System.out.printf("| clear 96 books at their gates: %,d trades, %,d Wh matched | %.2f s |%n", trades,
                    matched, clearing);
            System.out.printf("| **settle the day: %d intervals with trades against the readings** | **%.1f s** |%n",
                    settled, settling);
            System.out.printf("| **book %,d trade sides on the accounts** (%s threads) | **%.1f s** (%,.0f sides/s) |%n",
                    sides, context.getEnvironment().getProperty("gridledger.market.booking-threads"), booking,
                    sides / booking);
            System.out.printf("| delivered of matched | %,d of %,d Wh |%n", delivered, matched);
            System.out.printf("| buyers' money − sellers' money − fees (must be 0) | %s |%n", imbalance.toPlainString());
            long withTrades = jdbc.queryForObject("SELECT count(*) FROM market_interval WHERE trade_count > 0", Long.class);
            if (settled != withTrades || imbalance.signum() != 0 || sides != 2 * trades) {
                System.out.println("FAILED: not every interval with trades settled and booked, or money not conserved");
                failed = true;
            }
        } finally {
            if (!opts.containsKey("keep")) {
                try (Connection c = DriverManager.getConnection(server + "postgres",
                        System.getenv().getOrDefault("GRIDLEDGER_DB_USER", "postgres"),
                        System.getenv().getOrDefault("GRIDLEDGER_DB_PASSWORD", ""))) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
        System.exit(failed ? 1 : 0);
    }

    interface Task {
        int run(int index) throws Exception;
    }

    private static int parallel(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            int sum = 0;
            for (Future<Integer> f : futures) {
                sum += f.get();
            }
            return sum;
        } finally {
            pool.shutdown();
        }
    }

    private static boolean prosumer(int i) {
        return i % 10 < 3;
    }

    private static void setUp(CommandGateway commands, int i, Instant day, Instant opened, long[] importWh,
                              long[] exportWh) {
        MeterId id = meter(i);
        Money zero = Money.of("0", "EUR");
        commands.sendAndWait(new OpenMeterAccount(id, new CustomerId("c" + i), new TariffId("bench-flat"), ZONE,
                Money.of("5", "EUR"), Money.of("10", "EUR"), false, zero, Percentage.zero(), false,
                FriendlyCreditCalendar.none(), opened));
        commands.sendAndWait(new TopUpAccount(id, new PaymentId("p" + i), Money.of("100", "EUR"), null, opened));
        commands.sendAndWait(new JoinCommunity(id, new CommunityId(COMMUNITY), opened));
        SplittableRandom random = new SplittableRandom(i);
        long peak = prosumer(i) ? 800 + random.nextLong(1_200) : 0;
        List<RegisterReading> readings = new ArrayList<>();
        long imp = 0;
        long exp = 0;
        readings.add(new RegisterReading(day, 0, 0L, null, null, null, null, null, null, null));
        for (int q = 0; q < 96; q++) {
            double hour = q / 4.0 + 0.125;
            long pv = hour > 6 && hour < 20 ? Math.round(peak * Math.sin(Math.PI * (hour - 6) / 14)) : 0;
            long load = random.nextLong(80, 300);
            importWh[q] = Math.max(0, load - pv);
            exportWh[q] = Math.max(0, pv - load);
            imp += importWh[q];
            exp += exportWh[q];
            readings.add(new RegisterReading(day.plus(Duration.ofMinutes(15L * (q + 1))), imp, exp, null, null, null,
                    null, null, null, null));
        }
        commands.sendAndWait(new RecordMeterReadings(id, readings, day.plus(Duration.ofDays(1)).plusSeconds(60)));
    }

    private static int placeOrders(CommandGateway commands, MarketRules rules, Instant day, int q, int meters,
                                   long[][] importWh, long[][] exportWh) {
        Instant start = day.plus(Duration.ofMinutes(15L * q));
        Instant at = rules.gateClosureOf(start).minus(Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(q);
        int placed = 0;
        for (int i = 0; i < meters; i++) {
            boolean selling = prosumer(i) && exportWh[i][q] > 0;
            // forecasts are not perfect: ±20 % of what the meter will measure
            long measured = selling ? exportWh[i][q] : importWh[i][q];
            long wh = Math.max(1, measured * (80 + random.nextInt(41)) / 100);
            BigDecimal price = selling ? BigDecimal.valueOf(800 + random.nextInt(600), 4)
                    : BigDecimal.valueOf(1_000 + random.nextInt(1_500), 4);
            if (measured == 0 && !selling) {
                continue;
            }
            commands.sendAndWait(new PlaceOrder(new CommunityId(COMMUNITY), start, rules, new OrderId("o" + i), meter(i),
                    selling ? Side.SELL : Side.BUY, wh, price, at));
            placed++;
        }
        return placed;
    }

    private static MeterId meter(int i) {
        return new MeterId(String.format("market-%05d", i));
    }
}
