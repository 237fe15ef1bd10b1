package io.gridledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.verify.RunVerifier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A prosumer (net metering, bank paid out at period close) and a commercial consumer (net billing,
 * graduated blocks, reactive charge) live through January 2026 on generated quarter-hour data, with
 * the application's clock moving along. The period is closed, statements come as JSON, CSV and PDF,
 * the settlement run is verified offline against the exported events, and a changed byte in the
 * export or the report is caught. The last hours of January arrive late: they revise the run (R2)
 * and land on February's statement, leaving January's untouched. The month is fixed on purpose: the
 * application runs on the test's own clock, which stands in that January whatever today's date is.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NetSettlementEndToEndTest.TestClock.class)
class NetSettlementEndToEndTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-12-31T22:00:00Z"));
    static final int HELD_BACK = 8;

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    static final String PROSUMER_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2025-12-01T00:00:00Z",
             "standingChargePerDay":"0.2000","taxPercent":"21","import":{"blocks":[{"pricePerKwh":"0.3000"}]},
             "export":{"pricePerKwh":"0.0800"},"netting":"NET_METERING","surplus":"PAY_AT_EXPORT_PRICE"}""";
    static final String CONSUMER_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2025-12-01T00:00:00Z",
             "standingChargePerDay":"0.5000","taxPercent":"9",
             "import":{"blocks":[{"uptoKwh":200,"pricePerKwh":"0.2500"},{"pricePerKwh":"0.3500"}]},
             "export":{"pricePerKwh":"0.0500"},"reactive":{"pricePerKvarh":"0.0150","freeTanPhi":"0.48"}}""";

    @LocalServerPort
    int port;

    /** Cumulative registers of one generated meter, and what was sent. */
    static final class Meter {
        final String id;
        final boolean prosumer;
        long importWh;
        long exportWh;
        long q1;
        long sentImport;
        long sentExport;
        final List<String> heldBack = new ArrayList<>();

        Meter(String id, boolean prosumer) {
            this.id = id;
            this.prosumer = prosumer;
        }
    }

    @Test
    void aMonthIsSettledStatedReportedAndVerifiedAndLateDataRevisesTheRun() throws Exception {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.put("/api/v1/tariffs/e2e-prosumer-" + suffix, PROSUMER_TARIFF).status()).isIn(200, 201);
        assertThat(http.put("/api/v1/tariffs/e2e-business-" + suffix, CONSUMER_TARIFF).status()).isIn(200, 201);
        Meter prosumer = new Meter("e2e-pros-" + suffix, true);
        Meter consumer = new Meter("e2e-biz-" + suffix, false);
        CLOCK.set(Instant.parse("2025-12-31T23:00:00Z"));
        open(http, prosumer, "e2e-prosumer-" + suffix, "50");
        open(http, consumer, "e2e-business-" + suffix, "400");

        SplittableRandom random = new SplittableRandom(2026);
        for (int day = 1; day <= 31; day++) {
            for (Meter m : List.of(prosumer, consumer)) {
                deliverDay(http, m, LocalDate.of(2026, 1, day), random);
            }
        }

        // operators see the reactive quadrants and the power factor (Q1 = 0.7 × import: 1/√1.49 ≈ 0.819)
        JsonNode day = http.get("/api/v1/meters/" + consumer.id + "/consumption?from=2026-01-09T23:00:00Z"
                + "&to=2026-01-10T23:00:00Z&resolution=P1D").json().at("/intervals/0");
        assertThat(day.at("/reactiveQ1Varh").asLong()).isPositive();
        assertThat(new BigDecimal(day.at("/powerFactor").asText())).isBetween(new BigDecimal("0.815"),
                new BigDecimal("0.823"));

        // --- close January early (grace runs until 4 February) -------------------------------
        CLOCK.set(Instant.parse("2026-02-02T10:00:00Z"));
        Http.Response closed = http.post("/api/v1/settlement/periods/2026-01/close", "");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().at("/closed").asInt()).isEqualTo(2);
        assertThat(closed.text("/run/run")).isEqualTo("R1");
        Http.Response again = http.post("/api/v1/settlement/periods/2026-01/close", "");
        assertThat(again.json().at("/closed").asInt()).as("closing is idempotent").isZero();
        assertThat(again.text("/run/run")).isEqualTo("R1");

        // --- statements --------------------------------------------------------------------
        JsonNode consumerJanuary = statement(http, consumer, "2026-01");
        JsonNode prosumerJanuary = statement(http, prosumer, "2026-01");
        for (JsonNode s : List.of(consumerJanuary, prosumerJanuary)) {
            assertThat(s.at("/status").asText()).isEqualTo("CLOSED");
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode line : s.at("/lines")) {
                lines = lines.add(new BigDecimal(line.at("/amount/amount").asText()));
            }
            assertThat(amount(s, "/openingBalance").add(lines)).isEqualByComparingTo(amount(s, "/closingBalance"));
        }
        assertThat(consumerJanuary.at("/energy/importWh").asLong()).isEqualTo(consumer.sentImport);
        assertThat(amount(consumerJanuary, "/totals/reactiveCharges")).isPositive();
        assertThat(consumerJanuary.at("/reactive/chargedVarh").asLong()).isPositive();
        assertThat(prosumerJanuary.at("/energy/exportWh").asLong()).isEqualTo(prosumer.sentExport);
        assertThat(prosumerJanuary.at("/bank/depositedWh").asLong()).isEqualTo(prosumer.sentExport);
        assertThat(prosumerJanuary.at("/bank/paidOutWh").asLong() + prosumerJanuary.at("/bank/drawnWh").asLong())
                .isEqualTo(prosumer.sentExport);
        assertThat(amount(prosumerJanuary, "/totals/taxContained")).isPositive();

        Http.Raw csv = http.getRaw("/api/v1/meters/" + consumer.id + "/statements/2026-01", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("section,kind,for_period").contains("REACTIVE_CHARGE")
                .contains("CLOSING");
        Http.Raw pdf = http.getRaw("/api/v1/meters/" + prosumer.id + "/statements/2026-01", "application/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).as("a one-page statement").isEqualTo(1);
            assertThat(new PDFTextStripper().getText(doc)).contains("Statement 2026-01").contains(prosumer.id);
        }

        // --- the settlement run and its verification ---------------------------------------
        Http.Raw r1 = http.getRaw("/api/v1/settlement/periods/2026-01/runs/R1", "application/json");
        assertThat(r1.status()).isEqualTo(200);
        JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r1.body());
        assertThat(run.at("/figures/metersBilled").asLong()).isEqualTo(2);
        assertThat(run.at("/figures/energy/importWh").asLong()).isEqualTo(prosumer.sentImport + consumer.sentImport);
        assertThat(run.at("/figures/energy/exportWh").asLong()).isEqualTo(prosumer.sentExport);
        assertThat(new BigDecimal(run.at("/figures/charges/importCharges").asText())).isEqualByComparingTo(
                amount(consumerJanuary, "/totals/importCharges").add(amount(prosumerJanuary, "/totals/importCharges")));
        assertThat(new BigDecimal(run.at("/figures/charges/reactiveCharges").asText()))
                .isEqualByComparingTo(amount(consumerJanuary, "/totals/reactiveCharges"));
        assertThat(new BigDecimal(run.at("/figures/credits/bankPayout").asText()))
                .isEqualByComparingTo(amount(prosumerJanuary, "/totals/bankPayout"));
        assertThat(http.getRaw("/api/v1/settlement/periods/2026-01/runs/R1", "text/csv").text())
                .contains("energy.importWh," + (prosumer.sentImport + consumer.sentImport));
        assertThat(http.getRaw("/api/v1/settlement/periods/2026-01/runs/R1", "application/pdf").body())
                .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));

        byte[] export = http.getRaw("/api/v1/settlement/periods/2026-01/runs/R1/events", "application/x-ndjson").body();
        RunVerifier.Result verified = verify(r1.body(), export);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.root()).isEqualTo(run.at("/chain/root").asText());

        byte[] changedExport = export.clone();
        changedExport[changedExport.length / 2] ^= 1;
        assertThat(verify(r1.body(), changedExport).verified()).as("one byte of the export changed").isFalse();
        byte[] changedReport = r1.body().clone();
        int digit = new String(changedReport, StandardCharsets.UTF_8).indexOf("\"importWh\":") + 11;
        changedReport[digit] = (byte) (changedReport[digit] == '9' ? '8' : changedReport[digit] + 1);
        assertThat(verify(changedReport, export).verified()).as("one byte of the report changed").isFalse();

        // --- late data: January's last two hours arrive after the close ----------------------
        // asOf reads the event store, whose events carry the wall-clock time they were stored at
        Instant beforeLateData = Instant.now();
        BigDecimal consumerBalanceBefore = amount(http.get("/api/v1/meters/" + consumer.id).json(), "/balance");
        await("the wall clock has moved past the instant asked about").until(() -> Instant.now().isAfter(beforeLateData));
        CLOCK.set(Instant.parse("2026-02-02T11:00:00Z"));
        for (Meter m : List.of(prosumer, consumer)) {
            Http.Response late = http.post("/api/v1/meters/" + m.id + "/readings",
                    "{\"readings\":[" + String.join(",", m.heldBack) + "]}");
            assertThat(late.json().at("/accepted").asInt()).isEqualTo(HELD_BACK);
        }
        assertThat(statement(http, consumer, "2026-01")).as("a closed statement never changes")
                .isEqualTo(consumerJanuary);
        JsonNode consumerFebruary = statement(http, consumer, "2026-02");
        assertThat(consumerFebruary.at("/energy/lateIntervals").asLong()).isEqualTo(HELD_BACK);
        assertThat(consumerFebruary.at("/lines").findValues("adjustment")).anyMatch(JsonNode::asBoolean);
        assertThat(amount(consumerFebruary, "/openingBalance"))
                .isEqualByComparingTo(amount(consumerJanuary, "/closingBalance"));

        Http.Response runs = http.get("/api/v1/settlement/periods/2026-01/runs");
        assertThat(runs.json().at("/runs").findValuesAsText("run")).containsExactly("R1", "R2");
        JsonNode r2 = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                http.getRaw("/api/v1/settlement/periods/2026-01/runs/R2", "application/json").body());
        assertThat(r2.at("/figures/readings/late").asLong()).isEqualTo(2L * HELD_BACK);
        assertThat(r2.at("/changes").findValuesAsText("figure")).contains("readings.late", "energy.importWh");
        // a February account with debt, paying some of it, moves the fleet's outstanding debt but no January figure
        String debtor = "e2e-debt-" + suffix;
        assertThat(http.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"cust-%s","tariffId":"e2e-business-%s","timezone":"Europe/Amsterdam",
                 "debt":{"amount":"50","currency":"EUR"},"debtRecoveryPercent":"20"}""".formatted(debtor, debtor, suffix))
                .status()).isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + debtor + "/top-ups", """
                {"paymentId":"%s-1","amount":{"amount":"10","currency":"EUR"}}""".formatted(debtor)).status())
                .isEqualTo(201);
        assertThat(http.get("/api/v1/settlement/periods/2026-01/runs").json().at("/runs").findValuesAsText("run"))
                .containsExactly("R1", "R2");

        // --- auditing as of an earlier instant ----------------------------------------------
        JsonNode asOf = http.get("/api/v1/meters/" + consumer.id + "?asOf=" + beforeLateData).json();
        assertThat(amount(asOf, "/balance")).isEqualByComparingTo(consumerBalanceBefore);
        assertThat(amount(http.get("/api/v1/meters/" + consumer.id).json(), "/balance"))
                .isLessThan(consumerBalanceBefore);
        JsonNode februaryThen = http.get("/api/v1/meters/" + consumer.id + "/statements/2026-02?asOf="
                + beforeLateData).json();
        assertThat(februaryThen.at("/energy/lateIntervals").asLong()).isZero();
    }

    private static RunVerifier.Result verify(byte[] report, byte[] export) throws Exception {
        return RunVerifier.verify(new String(report, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(new String(export, StandardCharsets.UTF_8))));
    }

    private static BigDecimal amount(JsonNode node, String pointer) {
        return new BigDecimal(node.at(pointer + "/amount").asText());
    }

    private static JsonNode statement(Http http, Meter m, String period) {
        Http.Response r = http.get("/api/v1/meters/" + m.id + "/statements/" + period);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        return r.json();
    }

    private static void open(Http http, Meter m, String tariffId, String topUp) {
        Http.Response opened = http.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"cust-%s","tariffId":"%s","timezone":"Europe/Amsterdam",
                 "lowCreditThreshold":{"amount":"5","currency":"EUR"},
                 "emergencyCreditLimit":{"amount":"10","currency":"EUR"}}""".formatted(m.id, m.id, tariffId));
        assertThat(opened.status()).as(opened.json().toString()).isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + m.id + "/top-ups", """
                {"paymentId":"%s-1","amount":{"amount":"%s","currency":"EUR"}}""".formatted(m.id, topUp)).status())
                .isEqualTo(201);
    }

    /** 96 quarter hours ending on the given day; the last day's final readings are held back. */
    private static void deliverDay(Http http, Meter m, LocalDate day, SplittableRandom random) {
        List<String> readings = new ArrayList<>();
        ZonedDateTime start = day.atStartOfDay(AMSTERDAM);
        Instant last = null;
        boolean lastDay = day.getDayOfMonth() == 31;
        if (day.getDayOfMonth() == 1) {
            readings.add("{\"at\":\"%s\",\"activeImportWh\":0,\"activeExportWh\":0,\"reactiveQ1Varh\":0,\"reactiveQ2Varh\":0,\"reactiveQ3Varh\":0,\"reactiveQ4Varh\":0}".formatted(start.toInstant()));
        }
        for (int q = 1; q <= 96; q++) {
            ZonedDateTime at = start.plusMinutes(15L * q);
            long imp = m.prosumer ? random.nextLong(20, 200) : random.nextLong(40, 400);
            int hour = at.minusMinutes(15).getHour();
            long exp = m.prosumer && hour >= 10 && hour < 16 ? random.nextLong(100, 600) : 0;
            m.importWh += imp;
            m.exportWh += exp;
            m.q1 += imp * 7 / 10;
            String json = """
                    {"at":"%s","activeImportWh":%d,"activeExportWh":%d,"reactiveQ1Varh":%d,"reactiveQ2Varh":0,\
                    "reactiveQ3Varh":0,"reactiveQ4Varh":0}""".formatted(at.toInstant(), m.importWh, m.exportWh, m.q1);
            if (lastDay && q > 96 - HELD_BACK) {
                m.heldBack.add(json);
                continue;
            }
            m.sentImport += imp;
            m.sentExport += exp;
            readings.add(json);
            last = at.toInstant();
        }
        CLOCK.set(last.plus(Duration.ofMinutes(5)));
        Http.Response r = http.post("/api/v1/meters/" + m.id + "/readings",
                "{\"readings\":[" + String.join(",", readings) + "]}");
        assertThat(r.status()).as(r.json().toString()).isEqualTo(202);
        assertThat(r.json().at("/accepted").asInt()).isEqualTo(readings.size());
    }
}
