package io.gridledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application started as it runs in production and driven only over HTTP: a customer's prepaid
 * journey, replayed messages, emergency credit, block tariffs, tariff versions and bad input.
 * Readings are timestamped after the account opens; flat and block tariffs keep amounts independent
 * of the day the test runs.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class PrepaidJourneyEndToEndTest {

    static final String FLAT_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
             "standingChargePerDay":"0","taxPercent":"21","import":{"blocks":[{"pricePerKwh":"0.3000"}]},
             "export":{"pricePerKwh":"0.0700"}}""";
    static final String BLOCK_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
             "standingChargePerDay":"0","taxPercent":"21",
             "import":{"blocks":[{"uptoKwh":240,"pricePerKwh":"0.4883"},{"uptoKwh":400,"pricePerKwh":"0.5383"},
                                 {"pricePerKwh":"0.7883"}]},
             "export":{"pricePerKwh":"0.0700"}}""";

    @LocalServerPort
    int port;
    Http http;
    Instant base;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        base = TestClock.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        assertThat(http.put("/api/v1/tariffs/e2e-flat", FLAT_TARIFF).status()).isIn(200, 201);
        assertThat(http.put("/api/v1/tariffs/e2e-blocks", BLOCK_TARIFF).status()).isIn(200, 201);
    }

    @Test
    void aCustomerRunsOutIsDisconnectedTopsUpAndIsReconnected() {
        String meter = open("e2e-flat", "\"lowCreditThreshold\":{\"amount\":\"5\",\"currency\":\"EUR\"}");
        assertThat(topUp(meter, "pay-1", "10.00").status()).isEqualTo(201);
        assertThat(balance(meter).text("/creditState")).isEqualTo("OK");

        readings(meter, 0, 0L, 20_000L);              // 20 kWh × 0.30 = 6.0000
        Http.Response low = balance(meter);
        assertThat(low.text("/balance/amount")).isEqualTo("4.0000");
        assertThat(low.text("/creditState")).isEqualTo("LOW");
        assertThat(low.json().at("/lowCredit").asBoolean()).isTrue();

        readings(meter, 2, 40_000L);                   // another 6.0000 → −2.0000
        Http.Response exhausted = balance(meter);
        assertThat(exhausted.text("/balance/amount")).isEqualTo("-2.0000");
        assertThat(exhausted.text("/creditState")).isEqualTo("EXHAUSTED");
        assertThat(exhausted.text("/pendingRelayCommand")).isEqualTo("DISCONNECT");
        assertThat(exhausted.text("/supply")).isEqualTo("CONNECTED");

        confirm(meter, "DISCONNECTED");
        Http.Response off = balance(meter);
        assertThat(off.text("/supply")).isEqualTo("DISCONNECTED");
        assertThat(off.json().at("/pendingRelayCommand").isNull()).isTrue();

        topUp(meter, "pay-2", "1.00");
        Http.Response stillOff = balance(meter);
        assertThat(stillOff.text("/balance/amount")).isEqualTo("-1.0000");
        assertThat(stillOff.json().at("/pendingRelayCommand").isNull()).as("not enough to reconnect").isTrue();

        topUp(meter, "pay-3", "5.00");
        Http.Response reconnecting = balance(meter);
        assertThat(reconnecting.text("/balance/amount")).isEqualTo("4.0000");
        assertThat(reconnecting.text("/pendingRelayCommand")).isEqualTo("RECONNECT");

        confirm(meter, "CONNECTED");
        Http.Response on = balance(meter);
        assertThat(on.text("/supply")).isEqualTo("CONNECTED");
        assertThat(on.json().at("/pendingRelayCommand").isNull()).isTrue();

        JsonNode entries = http.get("/api/v1/meters/" + meter + "/ledger").json().path("entries");
        List<String> types = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode e : entries) {
            types.add(e.path("type").asText());
            sum = sum.add(new BigDecimal(e.at("/amount/amount").asText()));
        }
        assertThat(types).containsExactly("TOP_UP", "IMPORT_CHARGE", "IMPORT_CHARGE", "TOP_UP", "TOP_UP");
        assertThat(sum).isEqualByComparingTo("4.0000");
        assertThat(entries.get(entries.size() - 1).at("/balanceAfter/amount").asText()).isEqualTo("4.0000");
    }

    @Test
    void replayedAndConflictingMessagesNeverChargeOrCreditTwice() {
        String meter = open("e2e-flat", null);
        Http.Response first = topUp(meter, "pay-1", "20.00");
        assertThat(first.status()).isEqualTo(201);
        readings(meter, 0, 1_000L, 2_000L, 3_000L);
        BigDecimal before = balance(meter).amount("/balance/amount");
        assertThat(before).isEqualByComparingTo("19.4000");

        Http.Response replay = readings(meter, 0, 1_000L, 2_000L, 3_000L);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("accepted").asInt()).isZero();
        assertThat(replay.json().path("duplicate").asInt()).isEqualTo(3);

        Http.Response conflicting = readings(meter, 1, 2_500L);
        assertThat(conflicting.json().path("rejected").asInt()).isEqualTo(1);
        assertThat(conflicting.text("/rejections/0/reason")).isEqualTo("CONFLICTS_WITH_ACCEPTED");
        assertThat(conflicting.text("/rejections/0/at")).isEqualTo(base.plus(Duration.ofMinutes(15)).toString());

        Http.Response backwards = readings(meter, 3, 2_900L);
        assertThat(backwards.json().path("rejected").asInt()).as("register went backwards").isEqualTo(1);
        assertThat(backwards.text("/rejections/0/reason")).isEqualTo("REGISTER_WENT_BACKWARDS");

        Http.Response repeatedTopUp = topUp(meter, "pay-1", "20.00");
        assertThat(repeatedTopUp.status()).isEqualTo(200);
        assertThat(repeatedTopUp.json()).isEqualTo(first.json());
        assertThat(topUp(meter, "pay-1", "25.00").status()).isEqualTo(409);

        assertThat(balance(meter).amount("/balance/amount")).isEqualByComparingTo(before);
        assertThat(balance(meter).json().path("readingsRejected").asLong()).isEqualTo(2);
    }

    @Test
    void emergencyCreditKeepsSupplyOnAndIsRepaidFirst() {
        String meter = open("e2e-flat", "\"lowCreditThreshold\":{\"amount\":\"5\",\"currency\":\"EUR\"},"
                + "\"emergencyCreditLimit\":{\"amount\":\"10\",\"currency\":\"EUR\"},"
                + "\"debt\":{\"amount\":\"50\",\"currency\":\"EUR\"},\"debtRecoveryPercent\":\"25\"");
        topUp(meter, "pay-1", "8.00");                 // 25 % of 8 to the debt: balance 6.0000, debt 48.0000
        assertThat(balance(meter).text("/debt/amount")).isEqualTo("48.0000");
        assertThat(http.post("/api/v1/meters/" + meter + "/emergency-credit", "").status())
                .as("not below the threshold yet").isEqualTo(409);

        readings(meter, 0, 0L, 10_000L);               // 3.0000 → 3.0000, LOW
        Http.Response activated = http.post("/api/v1/meters/" + meter + "/emergency-credit", "");
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().path("emergencyCreditActive").asBoolean()).isTrue();

        readings(meter, 2, 30_000L);                   // 6.0000 → −3.0000
        Http.Response emergency = balance(meter);
        assertThat(emergency.text("/creditState")).isEqualTo("EMERGENCY");
        assertThat(emergency.text("/emergencyCreditInUse/amount")).isEqualTo("3.0000");
        assertThat(emergency.json().at("/pendingRelayCommand").isNull()).isTrue();

        Http.Response receipt = topUp(meter, "pay-2", "7.00");
        assertThat(receipt.text("/emergencyCreditRepaid/amount")).isEqualTo("3.0000");
        assertThat(receipt.text("/debtRecovered/amount")).isEqualTo("1.0000");   // 25 % of the remaining 4
        assertThat(receipt.text("/balanceAfter/amount")).isEqualTo("3.0000");
        Http.Response after = balance(meter);
        assertThat(after.json().path("emergencyCreditActive").asBoolean()).isFalse();
        assertThat(after.text("/debt/amount")).isEqualTo("47.0000");
    }

    @Test
    void blockTariffSplitsAtTheBoundaryAndNewVersionsApplyFromTheirValidFrom() {
        String meter = open("e2e-blocks", null);
        topUp(meter, "pay-1", "200.00");
        readings(meter, 0, 0L, 250_000L);   // 240 kWh × 0.4883 = 117.1920, 10 kWh × 0.5383 = 5.3830
        assertThat(balance(meter).text("/balance/amount")).isEqualTo("77.4250");

        String tariffId = "e2e-versioned-" + UUID.randomUUID().toString().substring(0, 6);
        http.put("/api/v1/tariffs/" + tariffId, FLAT_TARIFF);
        Http.Response v2 = http.put("/api/v1/tariffs/" + tariffId, FLAT_TARIFF.replace("0.3000", "0.5000")
                .replace("2026-01-01T00:00:00Z", base.plus(Duration.ofHours(1)).toString()));
        assertThat(v2.status()).isEqualTo(201);
        assertThat(http.put("/api/v1/tariffs/" + tariffId, FLAT_TARIFF).status()).as("v1 again is a new version")
                .isEqualTo(201);
        Http.Response tariff = http.get("/api/v1/tariffs/" + tariffId);
        assertThat(tariff.json().path("versions")).hasSize(3);

        String versioned = open(tariffId, null);
        topUp(versioned, "pay-1", "10.00");
        // before base + 1 h, v3 (v1's terms, defined later) is in force: 1 kWh × 0.30
        readings(versioned, 0, 0L, 1_000L);
        // after base + 1 h, v2 has the latest validFrom: 1 kWh × 0.50
        readings(versioned, 8, 2_000L);
        assertThat(balance(versioned).text("/balance/amount")).isEqualTo("9.2000");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        String meter = open("e2e-flat", null);
        topUp(meter, "pay-1", "10.00");
        readings(meter, 0, 0L);
        JsonNode ledgerBefore = http.get("/api/v1/meters/" + meter + "/ledger").json();

        Http.Response negative = http.post("/api/v1/meters/" + meter + "/readings",
                "{\"readings\":[{\"at\":\"" + base.plus(Duration.ofHours(1)) + "\",\"activeImportWh\":-5}]}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(negative.text("/field")).isEqualTo("readings[0].activeImportWh");

        Http.Response badTime = http.post("/api/v1/meters/" + meter + "/readings",
                "{\"readings\":[{\"at\":\"yesterday\",\"activeImportWh\":5}]}");
        assertThat(badTime.text("/field")).isEqualTo("readings[0].at");

        Http.Response currency = http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"p-usd\",\"amount\":{\"amount\":\"5\",\"currency\":\"USD\"}}");
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.text("/field")).isEqualTo("amount.currency");

        Http.Response tooPrecise = http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"p-prec\",\"amount\":{\"amount\":\"5.00001\",\"currency\":\"EUR\"}}");
        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.text("/field")).isEqualTo("amount.amount");

        Http.Response malformed = http.post("/api/v1/meters/" + meter + "/top-ups", "{\"paymentId\":");
        assertThat(malformed.status()).isEqualTo(400);

        Http.Response overlap = http.put("/api/v1/tariffs/e2e-bad", """
                {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
                 "standingChargePerDay":"0.45","taxPercent":"21",
                 "import":{"timeOfUse":[{"days":["MONDAY"],"from":"00:00","to":"00:00","pricePerKwh":"0.3"},
                                        {"days":["MONDAY"],"from":"07:00","to":"09:00","pricePerKwh":"0.3"}]},
                 "export":{"pricePerKwh":"0.07"}}""");
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.text("/field")).startsWith("import.timeOfUse");
        assertThat(http.get("/api/v1/tariffs/e2e-bad").status()).isEqualTo(404);

        assertThat(http.get("/api/v1/meters/no-such-meter").status()).isEqualTo(404);
        assertThat(http.post("/api/v1/meters/no-such-meter/top-ups",
                "{\"paymentId\":\"p\",\"amount\":{\"amount\":\"5\",\"currency\":\"EUR\"}}").status()).isEqualTo(404);

        assertThat(balance(meter).text("/balance/amount")).isEqualTo("10.0000");
        assertThat(http.get("/api/v1/meters/" + meter + "/ledger").json()).isEqualTo(ledgerBefore);
    }

    private String open(String tariffId, String extraFields) {
        String meter = "e2e-" + UUID.randomUUID().toString().substring(0, 12);
        String body = "{\"meterId\":\"" + meter + "\",\"customerId\":\"cust-" + meter + "\",\"tariffId\":\"" + tariffId
                + "\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]}"
                + (extraFields == null ? "" : "," + extraFields) + "}";
        Http.Response opened = http.post("/api/v1/meters", body);
        assertThat(opened.status()).as(opened.json().toString()).isEqualTo(201);
        return meter;
    }

    private Http.Response topUp(String meter, String paymentId, String amount) {
        return http.post("/api/v1/meters/" + meter + "/top-ups", "{\"paymentId\":\"" + paymentId
                + "\",\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}}");
    }

    /** Readings every 15 minutes from {@code base + firstQuarter × 15 min}, cumulative import registers in Wh. */
    private Http.Response readings(String meter, int firstQuarter, Long... importWh) {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < importWh.length; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"at\":\"").append(base.plus(Duration.ofMinutes(15L * (firstQuarter + i))))
                    .append("\",\"activeImportWh\":").append(importWh[i]).append('}');
        }
        Http.Response r = http.post("/api/v1/meters/" + meter + "/readings", body.append("]}").toString());
        assertThat(r.status()).as(r.json().toString()).isEqualTo(202);
        return r;
    }

    private void confirm(String meter, String state) {
        assertThat(http.post("/api/v1/meters/" + meter + "/supply-confirmations",
                "{\"state\":\"" + state + "\",\"at\":\"" + TestClock.now() + "\"}").status()).isEqualTo(200);
    }

    private Http.Response balance(String meter) {
        return http.get("/api/v1/meters/" + meter);
    }
}
