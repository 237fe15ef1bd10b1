package io.gridledger.e2e;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.adapter.simulation.MqttMeterDevice;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.testsupport.AccountViews;
import io.gridledger.testsupport.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker restarts while a meter keeps reporting: a private Mosquitto (persistent, on a port of
 * its own) is stopped and started again. The head-end and the meter reconnect to their persistent
 * sessions; every delivery is charged exactly once, nothing lost and nothing twice.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MqttBrokerRestartEndToEndTest {

    private static final Path DIR = createDir();
    private static final int BROKER_PORT = freePort();
    private static Process broker = startBroker();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("gridledger.adapter.mqtt.port", () -> BROKER_PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    DeviceKeys keys;
    @Autowired
    MqttTopics topics;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void nothingIsLostOrChargedTwiceWhenTheBrokerRestarts() throws Exception {
        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":"
                + "\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]}}").status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"rs-1\",\"amount\":{\"amount\":\"50.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);
        Instant base = TestClock.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));

        try (MqttMeterDevice device = new MqttMeterDevice(meter, keys.keyOf(meter), topics, "127.0.0.1", BROKER_PORT,
                TestClock.clock()).connect()) {
            device.deliver(List.of(reading(base, 0, 0)));
            device.deliver(List.of(reading(base, 1, 1_000)));
            await("charged before the restart").until(() -> "49.7000".equals(balance(http, meter)));

            broker.destroy();
            broker.waitFor();
            List<CompletableFuture<?>> whileAway = new ArrayList<>();
            for (int q = 2; q <= 5; q++) {
                whileAway.add(device.deliverWhenConnected(List.of(reading(base, q, 1_000L * q))));
            }
            assertThat(whileAway).as("queued by the device while the broker is down").noneMatch(CompletableFuture::isDone);
            assertThat(balance(http, meter)).as("nothing arrives while the broker is down").isEqualTo("49.7000");

            broker = startBroker();
            for (CompletableFuture<?> f : whileAway) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            await("every delivery charged once: 5 kWh × 0.30").until(() -> "48.5000".equals(balance(http, meter)));
            await("the head-end forwarded everything it received and the views have every event").until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM adapter_inbox WHERE meter_id = ? AND delivered_at IS NULL",
                            Long.class, meter) == 0 && AccountViews.caughtUp(jdbc.getDataSource(), meter));
            assertThat(balance(http, meter)).as("a message the broker delivered twice is charged once").isEqualTo("48.5000");
            assertThat(http.get("/api/v1/meters/" + meter).json().at("/lastRegisters/activeImportWh").asLong())
                    .isEqualTo(5_000L);
        }
    }

    private static RegisterReading reading(Instant base, int quarter, long importWh) {
        return RegisterReading.of(base.plus(Duration.ofMinutes(15L * quarter)), importWh, 0L);
    }

    private static String balance(Http http, String meter) {
        return http.get("/api/v1/meters/" + meter).text("/balance/amount");
    }


    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("gridledger-mosquitto");
            // started as root, mosquitto drops to its own user; it must still be able to save its sessions
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mosquitto on its own port, keeping sessions and queued messages on disk across restarts. */
    private static Process startBroker() {
        try {
            Path conf = DIR.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + BROKER_PORT + " 127.0.0.1\nallow_anonymous true\npersistence true\n"
                    + "persistence_location " + DIR + "/\nmax_queued_messages 100000\nlog_dest none\n");
            Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("mosquitto.log").toFile()).start();
            // polled on this thread: the first start runs in the class's static initialiser, which
            // another thread could not enter until it has finished
            await("mosquitto listens on port " + BROKER_PORT).pollInSameThread().ignoreExceptions().until(() -> {
                new Socket("127.0.0.1", BROKER_PORT).close();
                return true;
            });
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start mosquitto (is it installed?): " + e.getMessage(), e);
        }
    }
}
