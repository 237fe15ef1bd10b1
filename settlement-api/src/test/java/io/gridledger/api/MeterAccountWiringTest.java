package io.gridledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole write and read path on the real PostgreSQL: API → command → JDBC event store (JSON in
 * BYTEA) → pooled processor → read models, with the processor's token in the same database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TimeSensitive
class MeterAccountWiringTest {

    @Autowired
    TestRestTemplate rest;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String meter;
    /** 10:00 on a Tuesday in Amsterdam, a day or more ahead: inside the tariff's weekday day band (0.31/kWh). */
    Instant tuesday;

    @BeforeEach
    void setUp() {
        api = new ApiClient(rest);
        tuesday = TestClock.next(DayOfWeek.TUESDAY, 10, ZoneId.of("Europe/Amsterdam")).toInstant();
        meter = "wire-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/wire-tou", ApiClient.TOU_TARIFF).status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-1","tariffId":"wire-tou","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[]}}""".formatted(meter)).status()).isEqualTo(201);
    }

    @Test
    void aDeliveryIsOneEventStoredAsJsonAndEveryAccountViewShowsItWhenTheWriteIsAnswered() {
        api.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"pay-1\",\"amount\":{\"amount\":\"20.00\",\"currency\":\"EUR\"}}");
        ApiClient.Response readings = api.post("/api/v1/meters/" + meter + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":1000},
                             {"at":"%s","activeImportWh":1250},
                             {"at":"%s","activeImportWh":1600}]}""".formatted(tuesday, quarter(1), quarter(2)));
        assertThat(readings.status()).isEqualTo(202);
        assertThat(readings.body().path("accepted").asInt()).isEqualTo(3);

        // Tuesday 10:00-10:30 local: day band 0.31/kWh; 600 Wh → 0.0775 + 0.1085 = 0.1860. The balance,
        // ledger and consumption views are written in one transaction, so the answered write shows in all three.
        JsonNode balance = api.get("/api/v1/meters/" + meter).body();
        assertThat(balance.at("/balance/amount").asText()).isEqualTo("19.8140");
        assertThat(balance.at("/lastRegisters/activeImportWh").asLong()).isEqualTo(1600);

        Integer deliveryEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE "
                + "aggregate_identifier = ? AND payload_type LIKE '%MeterReadingsRecorded'", Integer.class, meter);
        assertThat(deliveryEvents).isEqualTo(1);
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE "
                + "aggregate_identifier = ? AND payload_type LIKE '%MeterReadingsRecorded'", String.class, meter);
        assertThat(payload).startsWith("{").contains("\"activeImportWh\":1600");

        JsonNode ledger = api.get("/api/v1/meters/" + meter + "/ledger").body();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode e : ledger.path("entries")) {
            sum = sum.add(new BigDecimal(e.at("/amount/amount").asText()));
        }
        assertThat(sum).isEqualByComparingTo("19.8140");

        JsonNode series = api.get("/api/v1/meters/" + meter + "/consumption?from=" + tuesday.minus(Duration.ofHours(9))
                + "&to=" + tuesday.plus(Duration.ofHours(9)) + "&resolution=PT15M").body();
        assertThat(series.path("intervals")).hasSize(2);
        assertThat(series.at("/intervals/1/importWh").asLong()).isEqualTo(350);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'account-views'",
                Integer.class)).isPositive();
    }

    @Test
    void invalidInputIsAProblemNamingTheFieldAndChangesNothing() {
        long eventsBefore = eventCount();
        ApiClient.Response bad = api.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"pay-x\",\"amount\":{\"amount\":\"-5\",\"currency\":\"EUR\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body().path("field").asText()).isEqualTo("amount.amount");

        ApiClient.Response wrongType = api.post("/api/v1/meters/" + meter + "/readings",
                "{\"readings\":[{\"at\":\"" + tuesday + "\",\"activeImportWh\":\"lots\"}]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("field").asText()).isEqualTo("readings[0].activeImportWh");

        ApiClient.Response fractionalWh = api.post("/api/v1/meters/" + meter + "/readings",
                "{\"readings\":[{\"at\":\"" + tuesday + "\",\"activeImportWh\":1000.5}]}");
        assertThat(fractionalWh.status()).as("never truncated to 1000 Wh").isEqualTo(400);
        assertThat(fractionalWh.body().path("field").asText()).isEqualTo("readings[0].activeImportWh");

        ApiClient.Response gap = api.put("/api/v1/tariffs/wire-bad", ApiClient.TOU_TARIFF.replace("\"to\":\"07:00\"",
                "\"to\":\"06:00\""));
        assertThat(gap.status()).isEqualTo(400);
        assertThat(gap.body().path("field").asText()).isEqualTo("import.timeOfUse");

        ApiClient.Response unknownTariff = api.post("/api/v1/meters", """
                {"meterId":"x-1","customerId":"c","tariffId":"no-such-tariff","timezone":"Europe/Amsterdam"}""");
        assertThat(unknownTariff.status()).isEqualTo(404);
        assertThat(unknownTariff.body().path("field").asText()).isEqualTo("tariffId");

        assertThat(api.get("/api/v1/meters/nobody").status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void theBalanceViewAbsorbsEveryEventEvenThoseWithoutAColumnSoWritesNeverWaitForThem() {
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s-low","customerId":"c-1","tariffId":"wire-tou","timezone":"Europe/Amsterdam",
                 "lowCreditThreshold":{"amount":"5","currency":"EUR"},"friendlyCredit":{"weekly":[]}}"""
                .formatted(meter)).status()).isEqualTo(201);
        String low = meter + "-low";
        api.post("/api/v1/meters/" + low + "/top-ups",
                "{\"paymentId\":\"pay-1\",\"amount\":{\"amount\":\"6.00\",\"currency\":\"EUR\"}}");
        api.post("/api/v1/meters/" + low + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":0},
                             {"at":"%s","activeImportWh":5000}]}""".formatted(tuesday, quarter(1)));
        assertThat(api.get("/api/v1/meters/" + low).body().path("creditState").asText()).isEqualTo("LOW");
        Long lastEvent = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", Long.class, low);
        assertThat(jdbc.queryForObject("SELECT last_event_sequence FROM balance_view WHERE meter_id = ?",
                Long.class, low)).as("LowCreditAlerted included").isEqualTo(lastEvent);
    }

    @Test
    void reopeningAnExistingMeterIsAConflict() {
        ApiClient.Response again = api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-2","tariffId":"wire-tou","timezone":"Europe/Amsterdam"}""".formatted(meter));
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/meters/" + meter).body().path("customerId").asText()).isEqualTo("c-1");
    }

    @Test
    void metricsAreExposedForPrometheusUnderTheGridledgerName() {
        api.post("/api/v1/meters/" + meter + "/readings",
                "{\"readings\":[{\"at\":\"" + tuesday + "\",\"activeImportWh\":10}]}");
        org.springframework.http.HttpHeaders admin = new org.springframework.http.HttpHeaders();
        admin.set("Authorization", io.gridledger.api.support.TestCallers.bearer(port, "admin"));
        String scrape = rest.exchange("/actuator/prometheus", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(admin), String.class).getBody();
        assertThat(scrape).contains("gridledger_readings_total");
    }

    private Instant quarter(int n) {
        return tuesday.plus(Duration.ofMinutes(15L * n));
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotCached() {
        var response = rest.getForEntity("/api/v1/meters/" + meter, String.class);
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        var missing = rest.getForEntity("/api/v1/meters/nobody-" + meter, String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getFirst("X-Content-Type-Options")).as("errors too").isEqualTo("nosniff");
    }
}
