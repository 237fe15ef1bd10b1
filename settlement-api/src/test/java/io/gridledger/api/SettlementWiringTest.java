package io.gridledger.api;

import io.gridledger.api.reconciliation.Reconciliation;
import io.gridledger.api.support.LiveProcessors;
import io.gridledger.projections.ProcessingGroups;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Settlement wiring on the real PostgreSQL: the netting and reactive parts of the tariff JSON, meter
 * replacement, statement and run errors, and the reconciliation of read models with events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TimeSensitive
class SettlementWiringTest {

    static final String NET_METERING_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
             "standingChargePerDay":"0","taxPercent":"21","import":{"blocks":[{"pricePerKwh":"1.0000"}]},
             "export":{"pricePerKwh":"0.0700"},"netting":"NET_METERING","surplus":"PAY_AT_EXPORT_PRICE",
             "reactive":{"pricePerKvarh":"0.0150","freeTanPhi":"0.48"}}""";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    MeterRegistry metrics;

    ApiClient api;
    String meter;

    @BeforeEach
    void setUp() {
        api = new ApiClient(rest);
        meter = "settle-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/settle-nm", NET_METERING_TARIFF).status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-9","tariffId":"settle-nm","timezone":"Europe/Amsterdam"}"""
                .formatted(meter)).status()).isEqualTo(201);
        api.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"p-1\",\"amount\":{\"amount\":\"20\",\"currency\":\"EUR\"}}");
    }

    @Test
    void theTariffKeepsItsNettingRuleSurplusAndReactivePrice() {
        var tariff = api.get("/api/v1/tariffs/settle-nm").body();
        assertThat(tariff.toString()).contains("\"netting\":\"NET_METERING\"")
                .contains("\"surplus\":\"PAY_AT_EXPORT_PRICE\"").contains("\"freeTanPhi\":\"0.48\"");
    }

    @Test
    void anUnknownNettingRuleOrAnIncompleteReactivePriceIsRefusedNamingTheField() {
        var badNetting = api.put("/api/v1/tariffs/settle-bad", NET_METERING_TARIFF.replace("NET_METERING", "NETTED"));
        assertThat(badNetting.status()).isEqualTo(400);
        assertThat(badNetting.body().path("field").asText()).isEqualTo("netting");
        var badReactive = api.put("/api/v1/tariffs/settle-bad",
                NET_METERING_TARIFF.replace(",\"freeTanPhi\":\"0.48\"", ""));
        assertThat(badReactive.status()).isEqualTo(400);
        assertThat(badReactive.body().path("field").asText()).isEqualTo("reactive.freeTanPhi");
        assertThat(api.get("/api/v1/tariffs/settle-bad").status()).isEqualTo(404);
    }

    @Test
    void aReplacedMetersFirstReadingIsABaseline() {
        Instant now = TestClock.now();
        api.post("/api/v1/meters/" + meter + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":5000}]}""".formatted(now.plusSeconds(60)));
        var replaced = api.post("/api/v1/meters/" + meter + "/replacements", """
                {"newSerialNumber":"SN-2","replacedAt":"%s"}""".formatted(now.plusSeconds(61)));
        assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(400);
        assertThat(replaced.body().path("field").asText()).isEqualTo("replacedAt");

        String m2 = meter + "-r";
        api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-9","tariffId":"settle-nm","timezone":"Europe/Amsterdam"}"""
                .formatted(m2));
        Instant t = TestClock.now();
        api.post("/api/v1/meters/" + m2 + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":5000}]}""".formatted(t));
        // a replacement may not lie in the ledger's future: wait until the clock has passed it
        await().until(() -> TestClock.now().isAfter(t.plusMillis(200)));
        assertThat(api.post("/api/v1/meters/" + m2 + "/replacements", """
                {"newSerialNumber":"SN-2","replacedAt":"%s",
                 "finalReading":{"at":"%s","activeImportWh":5100}}""".formatted(t.plusMillis(200), t.plusMillis(100)))
                .status()).isEqualTo(200);
        var baseline = api.post("/api/v1/meters/" + m2 + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":3}]}""".formatted(t.plusMillis(250)));
        assertThat(baseline.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/meters/" + m2).body().at("/lastRegisters/activeImportWh").asLong()).isEqualTo(3);
    }

    @Test
    void hourlyBucketsKeepTheTwoHoursAtTwoOfAnAutumnNightApart() {
        StringBuilder readings = new StringBuilder();
        // the next autumn night in Amsterdam: from 00:00 CEST, three hours before the clocks go back at 01:00Z
        Instant start = TestClock.nextClocksGoBack(ZoneId.of("Europe/Amsterdam")).minus(Duration.ofHours(3));
        for (int q = 0; q <= 20; q++) {
            readings.append(q == 0 ? "" : ",").append("{\"at\":\"").append(start.plusSeconds(900L * q))
                    .append("\",\"activeImportWh\":").append(10_000 + 100 * q).append('}');
        }
        api.post("/api/v1/meters/" + meter + "/readings", "{\"readings\":[" + readings + "]}");
        var series = api.get("/api/v1/meters/" + meter + "/consumption?from=" + start
                + "&to=" + start.plus(Duration.ofHours(5)) + "&resolution=PT1H").body().path("intervals");
        assertThat(series).hasSize(5);
        for (int h = 0; h < 5; h++) {
            assertThat(series.get(h).path("from").asText()).isEqualTo(start.plusSeconds(3600L * h).toString());
            assertThat(series.get(h).path("importWh").asLong()).isEqualTo(400);
        }
    }

    @Test
    void statementAndRunRequestsGetClearErrors() {
        var badPeriod = api.get("/api/v1/meters/" + meter + "/statements/2026-13");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.body().path("field").asText()).isEqualTo("period");
        assertThat(api.get("/api/v1/meters/nobody/statements/2026-11").status()).isEqualTo(404);
        HttpHeaders html = new HttpHeaders();
        html.set("Accept", "text/html");
        assertThat(rest.exchange("/api/v1/meters/" + meter + "/statements/2026-11", HttpMethod.GET,
                new HttpEntity<>(html), String.class).getStatusCode().value()).isEqualTo(406);
        YearMonth notBegun = YearMonth.from(TestClock.now().atZone(ZoneOffset.UTC)).plusYears(5);
        var future = api.post("/api/v1/settlement/periods/" + notBegun + "/close", "");
        assertThat(future.status()).isEqualTo(409);
        assertThat(future.body().path("field").asText()).isEqualTo("period");
        assertThat(api.get("/api/v1/settlement/periods/2001-01/runs/R1").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/settlement/periods/2001-01/runs/first").status()).isEqualTo(400);
    }

    @Test
    void reconciliationFindsNothingUntilAReadModelDriftsFromTheEvents() {
        await("the account's events are chained and its views agree").until(() -> unchainedEvents() == 0
                && reconciliation.reconcile(meter).isEmpty());

        // the processors that own these tables stand still while the test tampers with them
        try (LiveProcessors.Paused paused = LiveProcessors.pause(ProcessingGroups.SETTLEMENT_CHAIN,
                ProcessingGroups.ACCOUNT_VIEWS)) {
            Map<String, Object> link = jdbc.queryForMap("""
                    SELECT c.* FROM event_chain c JOIN domain_event_entry e ON e.global_index = c.global_index
                    WHERE e.aggregate_identifier = ? ORDER BY c.global_index LIMIT 1""", meter);
            jdbc.update("DELETE FROM event_chain WHERE global_index = ?", link.get("global_index"));
            assertThat(reconciliation.reconcile(meter)).extracting(Reconciliation.Difference::readModel,
                    Reconciliation.Difference::inReadModel).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("event_chain", "[" + link.get("global_index") + "]"));
            jdbc.update("INSERT INTO event_chain (chain_seq, global_index, hash, time_stamp) VALUES (?, ?, ?, ?)",
                    link.get("chain_seq"), link.get("global_index"), link.get("hash"), link.get("time_stamp"));
            assertThat(reconciliation.reconcile(meter)).isEmpty();

            jdbc.update("UPDATE balance_view SET balance = balance + 1 WHERE meter_id = ?", meter);
            jdbc.update("DELETE FROM ledger_entry WHERE meter_id = ? AND type = 'TOP_UP'", meter);

            assertThat(reconciliation.reconcile(meter)).extracting(Reconciliation.Difference::readModel,
                            Reconciliation.Difference::figure)
                    .contains(org.assertj.core.groups.Tuple.tuple("balance_view", "balance"),
                            org.assertj.core.groups.Tuple.tuple("ledger_entry", "sum"));
            reconciliation.reconcileNextBatch();
            while (metrics.get("gridledger.reconciliation.differences").gauge().value() == 0) {
                if (reconciliation.reconcileNextBatch().isEmpty()) {
                    break;
                }
            }
            assertThat(metrics.get("gridledger.reconciliation.differences").gauge().value()).isPositive();
        }
    }

    private long unchainedEvents() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry e WHERE e.aggregate_identifier = ?
                AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index)""", Long.class, meter);
    }
}
