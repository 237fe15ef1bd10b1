package io.gridledger.e2e;

import io.gridledger.adapter.simulation.ModbusMeterSimulator;
import io.gridledger.api.GridLedgerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An Eastron SDM630 behind a Modbus TCP gateway (j2mod slave) with a supply contactor on coil 0:
 * registered for polling over the API, its registers become readings and charges; credit runs out
 * and the contactor opens, a top-up closes it (each read back as the confirmation); when the meter
 * stops answering, its status shows the errors and, after three missed polls, that it is offline.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ModbusMeterEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void aPolledSdm630IsChargedAndMarkedOfflineWhenItStopsAnswering() throws Exception {
        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "modbus-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":"
                + "\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]}}").status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"mb-1\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);

        try (ModbusMeterSimulator sdm630 = new ModbusMeterSimulator("SDM630", 1)) {
            sdm630.set("activeImportWh", BigDecimal.valueOf(1_000));
            Http.Response registered = http.put("/api/v1/devices/" + meter + "/modbus", """
                    {"host":"127.0.0.1","port":%d,"unitId":1,"model":"SDM630","pollInterval":"PT1S","relayCoil":0}"""
                    .formatted(sdm630.port()));
            assertThat(registered.status()).as(registered.json().toString()).isEqualTo(201);

            await("the first poll is the baseline").until(() -> http.get("/api/v1/meters/" + meter).json()
                    .at("/lastRegisters/activeImportWh").asLong() == 1_000);
            sdm630.set("activeImportWh", BigDecimal.valueOf(3_000));
            await("2 kWh charged at 0.30").until(() -> "0.4000".equals(http.get("/api/v1/meters/" + meter)
                    .text("/balance/amount")));
            sdm630.set("activeImportWh", BigDecimal.valueOf(5_000));
            await("credit ran out and the contactor opened").until(() -> !sdm630.contactorClosed());
            await("the read-back reached the ledger").until(() -> "DISCONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));
            assertThat(http.get("/api/v1/meters/" + meter).text("/balance/amount")).isEqualTo("-0.2000");
            assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                    "{\"paymentId\":\"mb-2\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}").status())
                    .isEqualTo(201);
            await("the contactor closed again").until(sdm630::contactorClosed);
            await("the ledger has the reconnection").until(() -> "CONNECTED".equals(
                    http.get("/api/v1/meters/" + meter).text("/supply")));
            Http.Response status = http.get("/api/v1/devices/" + meter);
            assertThat(status.text("/protocol")).isEqualTo("MODBUS");
            assertThat(status.json().path("online").asBoolean()).isTrue();
            assertThat(status.text("/modbus/model")).isEqualTo("SDM630");
        }

        await("offline after three missed polls").until(() -> !http.get("/api/v1/devices/" + meter).json().path("online")
                .asBoolean(true));
        Http.Response offline = http.get("/api/v1/devices/" + meter);
        assertThat(offline.json().path("communicationErrors").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(offline.json().path("lastError").asText()).isNotBlank();
        assertThat(http.get("/api/v1/meters/" + meter).text("/balance/amount")).isEqualTo("9.8000");
    }

    @Test
    void aRegistrationThatCannotWorkIsRefusedNamingTheField() {
        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "modbus-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":\"e2e-flat\","
                + "\"timezone\":\"Europe/Amsterdam\"}");
        Http.Response model = http.put("/api/v1/devices/" + meter + "/modbus",
                "{\"host\":\"10.0.0.9\",\"port\":502,\"model\":\"ACME-1\"}");
        assertThat(model.status()).isEqualTo(400);
        assertThat(model.text("/field")).isEqualTo("model");
        Http.Response port0 = http.put("/api/v1/devices/" + meter + "/modbus",
                "{\"host\":\"10.0.0.9\",\"port\":0,\"model\":\"SDM120\"}");
        assertThat(port0.text("/field")).isEqualTo("port");
        Http.Response interval = http.put("/api/v1/devices/" + meter + "/modbus",
                "{\"host\":\"10.0.0.9\",\"port\":502,\"model\":\"SDM120\",\"pollInterval\":\"often\"}");
        assertThat(interval.text("/field")).isEqualTo("pollInterval");
        assertThat(http.put("/api/v1/devices/nobody-" + meter + "/modbus",
                "{\"host\":\"10.0.0.9\",\"port\":502,\"model\":\"SDM120\"}").status()).isEqualTo(404);
        assertThat(http.get("/api/v1/devices/" + meter).status()).as("not registered, never heard").isEqualTo(404);
    }

}
