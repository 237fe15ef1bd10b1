package io.gridledger.e2e;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.adapter.simulation.MqttMeterDevice;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.headend.HeadEndApplication;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The head-end as its own process (same jar, profile head-end, its own database) in front of the
 * ledger, whose own MQTT head-end is off: a meter's deliveries reach the ledger over its HTTP API,
 * and the ledger's relay requests reach the meter through the head-end's poll of
 * {@code /api/v1/relay-requests}.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridledger.adapter.mqtt.enabled=false")
class RemoteHeadEndEndToEndTest {

    @LocalServerPort
    int port;

    ConfigurableApplicationContext headEnd;
    String headEndDatabase;

    @AfterEach
    void stopHeadEnd() throws Exception {
        if (headEnd != null) {
            headEnd.close();
        }
        String url = System.getProperty("GRIDLEDGER_DB_URL");
        try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + headEndDatabase + " WITH (FORCE)");
        }
    }

    @Test
    void aMeterBehindAHeadEndOfItsOwnIsChargedDisconnectedAndReconnected() throws Exception {
        String url = System.getProperty("GRIDLEDGER_DB_URL");
        headEndDatabase = url.substring(url.lastIndexOf('/') + 1) + "_head_end";
        // command-line arguments: they override application.yml and the test JVM's GRIDLEDGER_DB_URL
        headEnd = new SpringApplicationBuilder(HeadEndApplication.class).profiles("head-end").run(
                "--spring.datasource.url=" + url.substring(0, url.lastIndexOf('/') + 1) + headEndDatabase,
                "--server.port=0", "--gridledger.adapter.ledger-url=http://localhost:" + port,
                "--gridledger.adapter.relay-poll-interval=200ms");
        assertThat(headEnd.getEnvironment().getProperty("spring.datasource.url")).endsWith(headEndDatabase);

        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "remote-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":"
                + "\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]}}").status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"rh-1\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);

        DeviceKeys keys = headEnd.getBean(DeviceKeys.class);
        MqttTopics topics = headEnd.getBean(MqttTopics.class);
        String host = headEnd.getEnvironment().getProperty("gridledger.adapter.mqtt.host");
        int brokerPort = Integer.parseInt(headEnd.getEnvironment().getProperty("gridledger.adapter.mqtt.port"));
        Instant base = TestClock.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        try (MqttMeterDevice device = new MqttMeterDevice(meter, keys.keyOf(meter), topics, host, brokerPort,
                TestClock.clock()).connect()) {
            device.deliver(List.of(RegisterReading.of(base, 0L, 0L),
                    RegisterReading.of(base.plus(Duration.ofMinutes(15)), 2_000L, 0L)));
            await("2 kWh charged through the head-end").until(() -> "0.4000".equals(balance(http, meter)));

            device.deliver(List.of(RegisterReading.of(base.plus(Duration.ofMinutes(30)), 4_000L, 0L)));
            await("the relay on the meter opened").until(() -> device.relay() == SupplyState.DISCONNECTED);
            await("the confirmation reached the ledger").until(() -> "DISCONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));

            assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                    "{\"paymentId\":\"rh-2\",\"amount\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}}").status())
                    .isEqualTo(201);
            await("the relay closed again").until(() -> device.relay() == SupplyState.CONNECTED);
            await("the ledger has the reconnection").until(() -> "CONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));
            assertThat(balance(http, meter)).isEqualTo("4.8000");
        }
    }

    private static String balance(Http http, String meter) {
        return http.get("/api/v1/meters/" + meter).text("/balance/amount");
    }

}
