package io.gridledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.ApiClient;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.eventstore.EventStoreConfiguration;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer asks to be forgotten. Afterwards none of their personal fields can be read back from
 * the API, the event store, any table (read models, audit trail) or the log; their balance,
 * ledger and events are exactly what they were. No client secret, password or token is logged.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TimeSensitive
class CustomerErasureTest {

    static final List<String> PERSONAL = List.of("Zoë Erasure-Probe", "17 Forgotten Lane, Utrecht", "+31 6 9876 5432",
            "zoe.probe@example.org");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @LocalServerPort
    int port;

    @Test
    void afterErasureNoPersonalFieldIsLeftAnywhereAndTheLedgerIsUnchanged(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(rest);
        api.put("/api/v1/tariffs/erasure-tou", ApiClient.TOU_TARIFF);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"erasure-meter","customerId":"erasure-cust","tariffId":"erasure-tou","timezone":"Europe/Amsterdam"}""")
                .status()).isEqualTo(201);
        ApiClient.Response saved = api.put("/api/v1/customers/erasure-cust", """
                {"name":"%s","address":"%s","phone":"%s","email":"%s"}""".formatted(PERSONAL.toArray()));
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.body().path("name").asText()).isEqualTo(PERSONAL.get(0));
        assertThat(api.post("/api/v1/meters/erasure-meter/top-ups",
                "{\"paymentId\":\"erasure-pay\",\"amount\":{\"amount\":\"25.00\",\"currency\":\"EUR\"}}").status())
                .isEqualTo(201);
        Instant at = TestClock.now().truncatedTo(ChronoUnit.MINUTES);
        api.post("/api/v1/meters/erasure-meter/readings", """
                {"readings":[{"at":"%s","activeImportWh":1000},{"at":"%s","activeImportWh":4000}]}"""
                .formatted(at.minusSeconds(1800), at.minusSeconds(900)));
        String balanceBefore = api.get("/api/v1/meters/erasure-meter").body().path("balance").toString();
        String ledgerBefore = api.get("/api/v1/meters/erasure-meter/ledger").body().toString();
        long eventsBefore = eventStore.readEvents("erasure-meter").asStream().count();

        ApiClient.Response erased = api.post("/api/v1/customers/erasure-cust/erasure", "",
                "Authorization", io.gridledger.api.support.TestCallers.bearer(port, "admin"),
                "GridLedger-Reason", "GDPR art. 17 request #4711");
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body().path("erasedAt").asText()).isNotEmpty();

        ApiClient.Response after = api.get("/api/v1/customers/erasure-cust");
        assertThat(after.body().path("erased").asBoolean()).isTrue();
        for (String field : List.of("name", "address", "phone", "email")) {
            assertThat(after.body().path(field).isNull()).as(field).isTrue();
        }
        assertThat(api.put("/api/v1/customers/erasure-cust", "{\"name\":\"Zoë again\"}").status())
                .as("an erased customer's data is not taken in again").isEqualTo(409);

        assertThat(api.get("/api/v1/meters/erasure-meter").body().path("balance").toString()).isEqualTo(balanceBefore);
        assertThat(api.get("/api/v1/meters/erasure-meter/ledger").body().toString()).isEqualTo(ledgerBefore);
        assertThat(eventStore.readEvents("erasure-meter").asStream().count()).isEqualTo(eventsBefore);

        ObjectMapper eventJson = EventStoreConfiguration.snapshotMapper(); // snapshots too: it writes fields
        List<String> found = new ArrayList<>();
        for (String aggregate : jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry",
                String.class)) {
            eventStore.readEvents(aggregate).asStream().forEach(message -> {
                String payload = write(eventJson, message.getPayload()) + message.getMetaData();
                PERSONAL.stream().filter(payload::contains)
                        .forEach(p -> found.add("event " + message.getIdentifier() + ": " + p));
            });
        }
        for (Map<String, Object> table : jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                        + "AND table_type = 'BASE TABLE'")) {
            String name = (String) table.get("table_name");
            for (String rowText : jdbc.queryForList("SELECT t::text FROM \"" + name + "\" t", String.class)) {
                PERSONAL.stream().filter(rowText::contains).forEach(p -> found.add("table " + name + ": " + p));
            }
        }
        PERSONAL.stream().filter(output.getAll()::contains).forEach(p -> found.add("log: " + p));
        for (String secret : List.of("simulator-secret", "admin-secret", "demo-password", "Bearer ey")) {
            if (output.getAll().contains(secret)) {
                found.add("log holds a secret or token: " + secret);
            }
        }
        assertThat(found).as("personal data left after erasure").isEmpty();

        assertThat(jdbc.queryForList("SELECT action || ' ' || outcome || ' ' || COALESCE(reason, '') FROM audit_entry "
                + "WHERE target LIKE '%erasure-cust/erasure'", String.class))
                .containsExactly("CUSTOMER_ERASURE DONE GDPR art. 17 request #4711");
    }

    private static String write(ObjectMapper json, Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
