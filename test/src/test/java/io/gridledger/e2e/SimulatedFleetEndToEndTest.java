package io.gridledger.e2e;

import io.gridledger.api.GridLedgerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The main job in small: a simulated fleet reporting to a running server: {@code sim-0001} as a signed
 * MQTT device, {@code sim-0002} as an SDM630 polled over Modbus TCP, {@code sim-0003} as a P1 dongle
 * on MQTT, {@code sim-0006} as a DLMS/COSEM meter, and {@code sim-0004} through the HTTP API.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gridledger.simulation.enabled=true", "gridledger.simulation.meters=6",
                "gridledger.simulation.tick=1s"})
class SimulatedFleetEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void simulatedMetersOpenAccountsTopUpAndReportReadingsThatAreCharged() {
        Http http = new Http(port);
        for (String id : new String[] {"sim-0001", "sim-0002", "sim-0003", "sim-0004", "sim-0006"}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> charged(http, id));
        }
        assertThat(http.get("/api/v1/devices/sim-0001").text("/protocol")).isEqualTo("MQTT");
        assertThat(http.get("/api/v1/devices/sim-0002").text("/protocol")).isEqualTo("MODBUS");
        assertThat(http.get("/api/v1/devices/sim-0003").text("/protocol")).isEqualTo("P1");
        assertThat(http.get("/api/v1/devices/sim-0006").text("/protocol")).isEqualTo("DLMS");
        assertThat(http.get("/api/v1/tariffs/sim-residential-blocks").json().path("version").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/meters/sim-0001").json().path("readingsRejected").asLong()).isZero();
    }

    private static void charged(Http http, String meterId) {
        Http.Response meter = http.get("/api/v1/meters/" + meterId);
        assertThat(meter.status()).isEqualTo(200);
        assertThat(meter.json().path("lastReadingAt").isNull()).isFalse();
        long charges = 0;
        for (var e : http.get("/api/v1/meters/" + meterId + "/ledger").json().path("entries")) {
            if (e.path("type").asText().equals("IMPORT_CHARGE")) {
                charges++;
            }
        }
        assertThat(charges).as(meterId + ": readings after the baseline are charged").isGreaterThanOrEqualTo(2);
    }
}
