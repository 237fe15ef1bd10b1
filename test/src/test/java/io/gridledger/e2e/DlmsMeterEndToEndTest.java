package io.gridledger.e2e;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.simulation.DlmsMeterSimulator;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DLMS/COSEM prepaid meter (jDLMS server with security suite 0 and HLS5-GMAC, keys diversified
 * from the device master key) read over TCP: its registers become charges; when credit runs out
 * the disconnect control object opens the relay and the read-back output state is the ledger's
 * confirmation; a top-up closes it again. Every association uses fresh invocation counters.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DlmsMeterEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    DeviceKeys keys;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDlmsMeterIsReadChargedDisconnectedAndReconnected() throws Exception {
        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "dlms-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":"
                + "\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]},"
                + "\"lowCreditThreshold\":{\"amount\":\"1\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"dl-1\",\"amount\":{\"amount\":\"3.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);

        DeviceKeys.DlmsKeys k = keys.dlmsKeysOf(meter);
        try (DlmsMeterSimulator device = new DlmsMeterSimulator("GLS", 4242, k.encryption(), k.authentication(),
                k.master())) {
            device.registers(500_000L, 0L);
            Http.Response registered = http.put("/api/v1/devices/" + meter + "/dlms",
                    "{\"host\":\"127.0.0.1\",\"port\":%d,\"pollInterval\":\"PT1S\"}".formatted(device.port()));
            assertThat(registered.status()).as(registered.json().toString()).isEqualTo(201);
            await("baseline read").until(() -> http.get("/api/v1/meters/" + meter).json()
                    .at("/lastRegisters/activeImportWh").asLong() == 500_000L);
            long counterAfterFirstRead = counter(meter);

            // the load profile closes two quarter-hours (6 kWh), then the registers show 10 kWh in all:
            // 10 kWh × 0.30 = 3.0000 → 0.0000 … below 1: LOW
            Instant quarter = TestClock.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
            device.captureProfile(quarter, 503_000L, 0L);
            device.captureProfile(quarter.plusSeconds(1), 506_000L, 0L);
            device.registers(510_000L, 0L);
            await("charged").until(() -> "0.0000".equals(http.get("/api/v1/meters/" + meter).text("/balance/amount")));
            assertThat(jdbc.queryForObject("SELECT profile_read_through FROM dlms_meter WHERE meter_id = ?",
                    java.sql.Timestamp.class, meter).toInstant()).as("profile intervals taken in")
                    .isEqualTo(quarter.plusSeconds(1));
            device.registers(512_000L, 0L);                  // 2 kWh = 0.6000 → −0.6000: EXHAUSTED, disconnect
            await("the relay on the meter opened").until(() -> !device.relayClosed());
            await("the read-back reached the ledger").until(() -> "DISCONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));

            assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                    "{\"paymentId\":\"dl-2\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}").status())
                    .isEqualTo(201);
            await("the relay on the meter closed").until(device::relayClosed);
            await("the ledger has the reconnection").until(() -> "CONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));
            assertThat(device.relayOperations()).as("each command carried out once").isEqualTo(2);
            assertThat(counter(meter)).as("invocation counters only move forward").isGreaterThan(counterAfterFirstRead);
            Http.Response status = http.get("/api/v1/devices/" + meter);
            assertThat(status.text("/protocol")).isEqualTo("DLMS");
            assertThat(status.json().path("online").asBoolean()).isTrue();
        }
    }

    private long counter(String meter) {
        return jdbc.queryForObject("SELECT invocation_counter FROM dlms_meter WHERE meter_id = ?", Long.class, meter);
    }

}
