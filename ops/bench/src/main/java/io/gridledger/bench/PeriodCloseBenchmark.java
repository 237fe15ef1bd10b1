package io.gridledger.bench;

import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.settlement.PeriodClosing;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.tariff.DefineTariffVersion;
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
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Closes a settlement period for a fleet: {@code --meters} accounts (a third net-metering
 * prosumers, a third net billing, a third with reactive charges) each with {@code --days} of hourly
 * readings in the current period, delivered once a day. Then times the close of the period: one
 * close command per account, and the settlement run read from the pre-aggregated settlement facts.
 *
 * <p>Arguments (all optional): {@code --meters=100000 --days=3 --threads=16 --keep}.
 */
public final class PeriodCloseBenchmark {

    private static final ZoneId ZONE = ZoneOffset.UTC;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Benchmarks.options(args);
        int meters = Integer.parseInt(opts.getOrDefault("meters", "100000"));
        int days = Integer.parseInt(opts.getOrDefault("days", "3"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "16"));
        String server = System.getenv().getOrDefault("GRIDLEDGER_BENCH_DB_SERVER", "jdbc:postgresql://localhost:5432/");
        String database = "gridledger_bench_close_" + System.currentTimeMillis();
        System.setProperty("GRIDLEDGER_DB_URL", server + database);

        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        YearMonth period = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Instant periodStart = SettlementPeriods.startOf(period, ZONE);
        Instant opened = now.minus(Duration.ofDays(days + 1)).isBefore(periodStart)
                ? periodStart : now.minus(Duration.ofDays(days + 1));
        int hours = (int) Duration.between(opened, now).toHours() - 1;

        SpringApplication app = new SpringApplication(GridLedgerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // system properties, as they outrank application.yml (default properties would not)
        Map.of("gridledger.credit-review.interval", "1h", "gridledger.settlement.schedule-interval", "1h",
                "gridledger.reconciliation.interval", "1h", "gridledger.market.interval", "1h",
                "gridledger.settlement.chain-wait", "10m", "gridledger.settlement.close-parallelism",
                String.valueOf(threads), "logging.level.io.gridledger", "WARN").forEach(System::setProperty);
        System.out.printf("GridLedger period-close benchmark: %,d meters x %d hourly readings (period %s), "
                + "%d threads, database %s%n", meters, hours + 1, period, threads, database);
        try (ConfigurableApplicationContext context = app.run(args)) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            PeriodClosing closing = context.getBean(PeriodClosing.class);

            long t0 = System.nanoTime();
            defineTariffs(commands);
            Fleet.forEachMeter(threads, meters, i -> setUp(commands, i, opened, hours));
            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            Fleet.awaitCount(jdbc, "SELECT count(*) FROM event_chain", events);
            Fleet.awaitCount(jdbc, "SELECT count(*) FROM balance_view WHERE last_reading_at IS NOT NULL", meters);
            double setup = (System.nanoTime() - t0) / 1e9;
            long facts = jdbc.queryForObject("SELECT count(*) FROM settlement_fact", Long.class);
            long eventCount = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

            PeriodClosing.Result first = closing.close(period);
            PeriodClosing.Result again = closing.close(period);
            String run = first.run().map(r -> "R" + r.revision()).orElse("none");

            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| accounts, readings, events in store | %,d, %,d, %,d |%n", meters,
                    (long) meters * (hours + 1), eventCount);
            System.out.printf("| setup (open, top up, deliver, all processors current) | %.1f s |%n", setup);
            System.out.printf("| settlement facts (pre-aggregated rows) | %,d |%n", facts);
            System.out.printf("| **close period %s: %,d accounts closed, run %s** | **%.1f s** |%n", period,
                    first.closed(), run, first.took().toMillis() / 1000.0);
            System.out.printf("| of which the settlement run (chain catch-up + figures from facts) | %.1f s |%n",
                    first.runTook().toMillis() / 1000.0);
            System.out.printf("| close again (idempotent: %,d already closed, no new run) | %.1f s |%n",
                    again.alreadyClosed(), again.took().toMillis() / 1000.0);
            long unchained = jdbc.queryForObject("""
                    SELECT count(*) FROM domain_event_entry e
                    WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index)""", Long.class);
            System.out.printf("| failures; events not in the hash chain | %d; %d |%n", first.failed() + again.failed(),
                    unchained);
            if (unchained > 0) {
                System.out.println("FAILED: the settlement run does not cover every event");
                System.exit(1);
            }
            if (first.failed() + again.failed() > 0 || first.closed() != meters) {
                System.out.println("FAILED: not every account closed");
                System.exit(1);
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
        System.exit(0);
    }

    private static void defineTariffs(CommandGateway commands) {
        TariffDefinition base = new TariffDefinition(Money.of("0", "EUR").currency(), ZONE,
                Instant.parse("2020-01-01T00:00:00Z"), new BigDecimal("0.4500"), new BigDecimal("21"),
                ImportPricing.blocks(List.of(new PriceBlock(240_000L, new BigDecimal("0.4883")),
                        new PriceBlock(null, new BigDecimal("0.5383")))), new BigDecimal("0.0700"));
        commands.sendAndWait(new DefineTariffVersion(new TariffId("close-prosumer"),
                base.withNetting(Netting.NET_METERING, SurplusRule.PAY_AT_EXPORT_PRICE), Instant.now()));
        commands.sendAndWait(new DefineTariffVersion(new TariffId("close-billing"), base, Instant.now()));
        commands.sendAndWait(new DefineTariffVersion(new TariffId("close-business"), base.withReactive(
                new ReactivePricing(new BigDecimal("0.0150"), new BigDecimal("0.48"))), Instant.now()));
    }

    private static void setUp(CommandGateway commands, int i, Instant opened, int hours) {
        MeterId id = new MeterId(String.format("close-%06d", i));
        String tariff = switch (i % 3) {
            case 0 -> "close-prosumer";
            case 1 -> "close-billing";
            default -> "close-business";
        };
        Money zero = Money.of("0", "EUR");
        commands.sendAndWait(new OpenMeterAccount(id, new CustomerId("c" + i), new TariffId(tariff), ZONE,
                Money.of("5", "EUR"), Money.of("10", "EUR"), false, zero, Percentage.zero(), false,
                FriendlyCreditCalendar.none(), opened));
        commands.sendAndWait(new TopUpAccount(id, new PaymentId("p" + i), Money.of("500", "EUR"), null, opened));
        SplittableRandom random = new SplittableRandom(i);
        long imp = 0;
        long exp = 0;
        long q1 = 0;
        List<RegisterReading> day = new ArrayList<>();
        for (int h = 0; h <= hours; h++) {
            Instant at = opened.plus(Duration.ofHours(h));
            if (h > 0) {
                long delta = 100 + random.nextLong(1_400);
                imp += delta;
                int hour = at.atOffset(ZoneOffset.UTC).getHour();
                exp += i % 3 == 0 && hour >= 9 && hour < 17 ? random.nextLong(3_000) : 0;
                q1 += delta * 6 / 10;
            }
            day.add(new RegisterReading(at, imp, exp, q1, 0L, 0L, 0L, null, null, null));
            if (day.size() == 24 || h == hours) {
                commands.sendAndWait(new RecordMeterReadings(id, day, at.plusSeconds(60)));
                day = new ArrayList<>();
            }
        }
    }

}
