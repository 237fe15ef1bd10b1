package io.gridledger.bench;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.account.ReadingsOutcome;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.tariff.DefineTariffVersion;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TimeOfUseBand;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.ledger.value.WeeklyWindow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingests {@code meters × intervals} readings through the real command path (one command and one
 * event per delivery) into the PostgreSQL event store, waits until every read model is current
 * (balances, ledger entries, interval rows), then COPYs the same number of rows into a plain table
 * as the physical reference, and prints readings/s for both and their ratio.
 *
 * <p>Then the same readings for as many other meters through the meter adapter: signed MQTT
 * deliveries through Mosquitto into the head-end's inbox and on to the ledger ({@code --no-mqtt}
 * skips this).
 *
 * <p>Arguments (all optional): {@code --meters=10000 --intervals=100 --delivery=100 --threads=8
 * --keep} (keep the database). Server: {@code GRIDLEDGER_BENCH_DB_SERVER}, default localhost:5432.
 */
public final class IngestionBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Benchmarks.options(args);
        int meters = Integer.parseInt(opts.getOrDefault("meters", "10000"));
        int intervals = Integer.parseInt(opts.getOrDefault("intervals", "100"));
        int delivery = Integer.parseInt(opts.getOrDefault("delivery", "100"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        boolean keep = opts.containsKey("keep");

        String server = System.getenv().getOrDefault("GRIDLEDGER_BENCH_DB_SERVER", "jdbc:postgresql://localhost:5432/");
        String database = "gridledger_bench_" + System.currentTimeMillis();
        System.setProperty("GRIDLEDGER_DB_URL", server + database);
        System.setProperty("GRIDLEDGER_MQTT_TOPIC_PREFIX", database);
        boolean mqtt = !opts.containsKey("no-mqtt");
        System.setProperty("disable-axoniq-console-message", "true");

        SpringApplication app = new SpringApplication(GridLedgerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // system properties, as they outrank application.yml (default properties would not)
        Map.of("gridledger.credit-review.interval", "1h", "gridledger.market.interval", "1h",
                "logging.level.io.gridledger", "WARN").forEach(System::setProperty);
        long total = (long) meters * intervals;
        System.out.printf("GridLedger ingestion benchmark: %,d meters x %,d intervals = %,d readings, deliveries of %d, "
                + "%d client threads, database %s%n", meters, intervals, total, delivery, threads, database);
        try (ConfigurableApplicationContext context = app.run(args)) {
            CommandGateway commands = context.getBean(CommandGateway.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            DataSource dataSource = context.getBean(DataSource.class);

            Instant base = Instant.now().minus(Duration.ofMinutes(15L * (intervals + 4))).truncatedTo(ChronoUnit.HOURS);
            Instant setupStart = Instant.now();
            setUp(commands, meters, threads, base.minus(Duration.ofHours(1)));
            Fleet.awaitCount(jdbc, "SELECT count(*) FROM balance_view WHERE last_event_sequence >= 1", meters);
            System.out.printf("setup: %,d accounts opened and topped up in %s%n", meters,
                    Duration.between(setupStart, Instant.now()));

            AtomicLong accepted = new AtomicLong();
            long start = System.nanoTime();
            ingest(commands, meters, intervals, delivery, threads, base, accepted);
            long commandsDone = System.nanoTime();
            long expectedRows = (long) meters * (intervals - 1);
            Fleet.awaitCount(jdbc, "SELECT count(*) FROM interval_consumption", expectedRows);
            Fleet.awaitCount(jdbc, "SELECT count(*) FROM balance_view WHERE last_reading_at = ?", meters,
                    java.sql.Timestamp.from(base.plus(Duration.ofMinutes(15L * (intervals - 1)))));
            long end = System.nanoTime();

            double commandSeconds = (commandsDone - start) / 1e9;
            double pipelineSeconds = (end - start) / 1e9;
            double pipelineRate = total / pipelineSeconds;
            long ledgerRows = jdbc.queryForObject("SELECT count(*) FROM ledger_entry", Long.class);
            long unreconciled = jdbc.queryForObject("""
                    SELECT count(*) FROM balance_view b
                    WHERE b.balance <> (SELECT COALESCE(sum(amount), 0) FROM ledger_entry l WHERE l.meter_id = b.meter_id)""",
                    Long.class);
            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

            double copySeconds = copyReference(dataSource, total, base);
            double copyRate = total / copySeconds;

            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| readings ingested (accepted) | %,d (%,d) |%n", total, accepted.get());
            System.out.printf("| commands (deliveries) | %,d |%n", (long) meters * ((intervals + delivery - 1) / delivery));
            System.out.printf("| events in store | %,d |%n", events);
            System.out.printf("| command path, last command acknowledged | %.1f s, %,.0f readings/s |%n", commandSeconds,
                    total / commandSeconds);
            System.out.printf("| fully processed (balances, %,d ledger rows, %,d interval rows) | %.1f s, **%,.0f readings/s** |%n",
                    ledgerRows, expectedRows, pipelineSeconds, pipelineRate);
            System.out.printf("| balances not reconciling with their ledger | %d |%n", unreconciled);
            System.out.printf("| COPY of %,d rows into a plain table | %.1f s, %,.0f rows/s |%n", total, copySeconds, copyRate);
            System.out.printf("| ledger pipeline / COPY | %.3f (1 : %.1f) |%n", pipelineRate / copyRate,
                    copyRate / pipelineRate);
            if (unreconciled != 0) {
                System.out.println("FAILED: some balances do not reconcile with their ledger entries");
                System.exit(1);
            }
            if (mqtt) {
                viaMqtt(context, meters, intervals, delivery, threads, base, total, pipelineRate);
            }
        } finally {
            if (!keep) {
                try (Connection c = DriverManager.getConnection(server + "postgres",
                        System.getenv().getOrDefault("GRIDLEDGER_DB_USER", "postgres"),
                        System.getenv().getOrDefault("GRIDLEDGER_DB_PASSWORD", ""))) {
                    c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
        System.exit(0);
    }

    /**
     * The same readings through the meter adapter: signed MQTT deliveries via Mosquitto, stored in
     * the inbox and forwarded to the ledger. Prints when the broker had them all, when the adapter
     * had stored them all, and when every balance was current.
     */
    private static void viaMqtt(ConfigurableApplicationContext context, int meters, int intervals, int delivery,
                                int threads, Instant base, long total, double commandPathRate) throws Exception {
        CommandGateway commands = context.getBean(CommandGateway.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        MqttTopics topics = context.getBean(MqttTopics.class);
        DeviceKeys keys = context.getBean(DeviceKeys.class);
        String host = context.getEnvironment().getProperty("gridledger.adapter.mqtt.host");
        int port = Integer.parseInt(context.getEnvironment().getProperty("gridledger.adapter.mqtt.port"));
        setUp(commands, meters, threads, base.minus(Duration.ofHours(1)), MQTT_PREFIX, false);
        Fleet.awaitCount(jdbc, "SELECT count(*) FROM balance_view WHERE meter_id LIKE 'bench-m-%' "
                + "AND last_event_sequence >= 1", meters);
        long deliveries = (long) meters * ((intervals + delivery - 1) / delivery);
        long start = System.nanoTime();
        List<MqttFleetPublisher> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            publishers.add(new MqttFleetPublisher(topics.prefix() + "-bench-" + t, host, port, topics, keys));
        }
        Fleet.forEachMeter(threads, meters, i -> {
            MqttFleetPublisher publisher = publishers.get(i % threads);
            String meterId = meterId(MQTT_PREFIX, i).value();
            List<java.util.concurrent.CompletableFuture<?>> sent = new ArrayList<>();
            long counter = 0;
            for (List<RegisterReading> readings : deliveries(i, intervals, delivery, base)) {
                sent.add(publisher.publish(meterId, ++counter, readings));
            }
            for (var f : sent) {
                f.join();
            }
        });
        long published = System.nanoTime();
        Fleet.awaitCount(jdbc, "SELECT count(*) FROM adapter_inbox", deliveries);
        long stored = System.nanoTime();
        Fleet.awaitCount(jdbc, "SELECT count(*) FROM balance_view WHERE meter_id LIKE 'bench-m-%' AND last_reading_at = ?",
                meters, java.sql.Timestamp.from(base.plus(Duration.ofMinutes(15L * (intervals - 1)))));
        Fleet.awaitCount(jdbc, "SELECT count(*) FROM adapter_inbox WHERE delivered_at IS NOT NULL", deliveries);
        long processed = System.nanoTime();
        publishers.forEach(MqttFleetPublisher::close);
        long refused = jdbc.queryForObject("SELECT count(*) FROM adapter_inbox WHERE outcome <> 'DELIVERED'", Long.class);

        double publishSeconds = (published - start) / 1e9;
        double storeSeconds = (stored - start) / 1e9;
        double processSeconds = (processed - start) / 1e9;
        System.out.println();
        System.out.println("| the same readings over MQTT (Mosquitto → head-end → inbox → ledger) | value |");
        System.out.println("|---|---|");
        System.out.printf("| deliveries published, QoS 1, all acknowledged by the broker | %,d in %.1f s, %,.0f readings/s |%n",
                deliveries, publishSeconds, total / publishSeconds);
        System.out.printf("| head-end: authenticated and stored in the inbox | %.1f s, **%,.0f readings/s** |%n",
                storeSeconds, total / storeSeconds);
        System.out.printf("| fully processed (forwarded, balances current) | %.1f s, **%,.0f readings/s** |%n",
                processSeconds, total / processSeconds);
        System.out.printf("| command path in the same run (above) | %,.0f readings/s |%n", commandPathRate);
        System.out.printf("| messages refused by the ledger | %d |%n", refused);
        if (refused != 0) {
            System.out.println("FAILED: the ledger refused deliveries that came over MQTT");
            System.exit(1);
        }
    }

    private static final String MQTT_PREFIX = "bench-m-";

    /** One meter's deliveries: {@code intervals} quarter-hour readings in deliveries of {@code delivery}. */
    private static List<List<RegisterReading>> deliveries(int i, int intervals, int delivery, Instant base) {
        SplittableRandom random = new SplittableRandom(i);
        long register = 1_000_000L + random.nextLong(1_000_000L);
        List<List<RegisterReading>> out = new ArrayList<>();
        for (int from = 0; from < intervals; from += delivery) {
            List<RegisterReading> readings = new ArrayList<>(delivery);
            for (int k = from; k < Math.min(intervals, from + delivery); k++) {
                register += 20 + random.nextInt(400);
                readings.add(new RegisterReading(base.plus(Duration.ofMinutes(15L * k)), register, 0L,
                        null, null, null, null, new BigDecimal("230.1"), null, null));
            }
            out.add(readings);
        }
        return out;
    }

    private static void setUp(CommandGateway commands, int meters, int threads, Instant openedAt) throws Exception {
        setUp(commands, meters, threads, openedAt, "bench-", true);
    }

    /** Accounts are opened as of {@code openedAt}, before the first reading, as when a fleet is migrated in. */
    private static void setUp(CommandGateway commands, int meters, int threads, Instant openedAt, String prefix,
                              boolean defineTariffs) throws Exception {
        EnumSet<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        TariffDefinition tou = new TariffDefinition(Money.of("0", "EUR").currency(), ZONE,
                Instant.parse("2020-01-01T00:00:00Z"), new BigDecimal("0.4500"), new BigDecimal("21"),
                ImportPricing.timeOfUse(List.of(
                        new TimeOfUseBand(new WeeklyWindow(weekdays, LocalTime.of(7, 0), LocalTime.of(23, 0)),
                                new BigDecimal("0.3100")),
                        new TimeOfUseBand(new WeeklyWindow(weekdays, LocalTime.of(23, 0), LocalTime.of(7, 0)),
                                new BigDecimal("0.2200")),
                        new TimeOfUseBand(new WeeklyWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), new BigDecimal("0.2200")))),
                new BigDecimal("0.0700"));
        TariffDefinition blocks = new TariffDefinition(tou.currency(), ZONE, tou.validFrom(),
                new BigDecimal("0.3000"), new BigDecimal("21"), ImportPricing.blocks(List.of(
                new PriceBlock(240_000L, new BigDecimal("0.4883")), new PriceBlock(400_000L, new BigDecimal("0.5383")),
                new PriceBlock(null, new BigDecimal("0.7883")))), new BigDecimal("0.0700"));
        if (defineTariffs) {
            commands.sendAndWait(new DefineTariffVersion(new TariffId("bench-tou"), tou, Instant.now()));
            commands.sendAndWait(new DefineTariffVersion(new TariffId("bench-blocks"), blocks, Instant.now()));
        }
        Money zero = Money.of("0", "EUR");
        Fleet.forEachMeter(threads, meters, i -> {
            MeterId id = meterId(prefix, i);
            commands.sendAndWait(new OpenMeterAccount(id, new CustomerId("c" + i),
                    new TariffId(i % 3 == 0 ? "bench-blocks" : "bench-tou"), ZONE, Money.of("5", "EUR"),
                    Money.of("10", "EUR"), false, zero, Percentage.zero(), false, FriendlyCreditCalendar.standard(),
                    openedAt));
            commands.sendAndWait(new TopUpAccount(id, new PaymentId("p" + i), Money.of("1000", "EUR"), null,
                    openedAt));
        });
    }

    private static void ingest(CommandGateway commands, int meters, int intervals, int delivery, int threads,
                               Instant base, AtomicLong accepted) throws Exception {
        Fleet.forEachMeter(threads, meters, i -> {
            for (List<RegisterReading> readings : deliveries(i, intervals, delivery, base)) {
                ReadingsOutcome outcome = commands.sendAndWait(new RecordMeterReadings(meterId(i), readings,
                        Instant.now()));
                accepted.addAndGet(outcome.accepted());
            }
        });
    }

    /** COPY of the same number of interval rows into an unindexed table: what the disk and server can take. */
    private static double copyReference(DataSource dataSource, long rows, Instant base) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("CREATE TABLE bench_copy_reference (meter_id VARCHAR(64), "
                    + "interval_start TIMESTAMPTZ, interval_end TIMESTAMPTZ, import_wh BIGINT, export_wh BIGINT, "
                    + "charged NUMERIC(19,4), tariff_version INTEGER)");
            long start = System.nanoTime();
            PGConnection pg = c.unwrap(PGConnection.class);
            long chunk = 100_000;
            for (long done = 0; done < rows; done += chunk) {
                StringBuilder csv = new StringBuilder((int) chunk * 80);
                for (long r = done; r < Math.min(rows, done + chunk); r++) {
                    Instant end = base.plus(Duration.ofMinutes(15L * (r % 100 + 1)));
                    csv.append("bench-").append(r / 100).append(',').append(end.minus(Duration.ofMinutes(15)))
                            .append(',').append(end).append(',').append(100 + r % 300).append(",0,0.0310,1\n");
                }
                try (Reader reader = new StringReader(csv.toString())) {
                    pg.getCopyAPI().copyIn("COPY bench_copy_reference FROM STDIN WITH (FORMAT csv)", reader);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static MeterId meterId(int i) {
        return meterId("bench-", i);
    }

    private static MeterId meterId(String prefix, int i) {
        return new MeterId(String.format("%s%05d", prefix, i));
    }

}
