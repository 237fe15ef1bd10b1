package io.gridledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.gridledger.api.ApiClient;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.payment.WebhookSignature;
import io.gridledger.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.gridledger.api.security.Role.DEVICE;
import static io.gridledger.api.security.Role.OPERATOR;
import static io.gridledger.api.security.Role.PAYMENT_PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile inputs for every endpoint, sent by a caller who may call it on its own
 * objects: hostile path and query values, every body field given a value wrong for its kind
 * (types, ranges, formats, injection strings, oversized text), required fields left out, malformed
 * or wrongly typed bodies, wrong content types, oversized bodies. Properties: never a 5xx, every
 * input refused with a 4xx, and a refused input changes nothing. The seed is printed and fixed, so
 * a failure can be replayed. The suite ({@code ops/test.sh}) sends 200 inputs per endpoint to keep
 * its time short; {@code ops/test-hostile-inputs.sh} sends the full 1,000 per endpoint
 * ({@code -Dgridledger.test.hostile-inputs-per-endpoint=1000}).
 */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gridledger.credit-review.interval=1h", "gridledger.settlement.schedule-interval=1h",
                "gridledger.reconciliation.interval=1h", "gridledger.security.rate-limit.per-caller-per-second=100000",
                "gridledger.security.rate-limit.per-caller-burst=100000",
                "gridledger.security.rate-limit.per-meter-per-second=100000",
                "gridledger.security.rate-limit.per-meter-burst=100000"})
class HostileInputTest {

    static final int INPUTS_PER_ENDPOINT = Integer.getInteger("gridledger.test.hostile-inputs-per-endpoint", 200);
    static final long SEED = 20261128L;
    static final String NORTH = "gridledger-retailer";
    /** An interval whose gate is a day away: an order for it would be taken, were it valid. */
    static final Instant NEXT_INTERVAL = TestClock.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

    /** What a value is, and so which values are certainly wrong for it. */
    enum Kind {
        ID, AMOUNT, CURRENCY, INSTANT, WH, DECIMAL, STATE, EVENT_TYPE, BOOL, TEXT, ZONE, DURATION, PORT, HOST, UNIT,
        COIL, PERCENT, PHONE, EMAIL, PERIOD, RESOLUTION, LIMIT, RUN, MODEL, DAYS, LOCAL_TIME, SERIAL, MEASURE, DATE, EVENT_ID,
        MINUTES, GATE, SIDE, PRICE
    }

    static final Map<Kind, List<Object>> WRONG = new LinkedHashMap<>();

    static {
        Object obj = Map.of("x", 1);
        Object arr = List.of(1, 2);
        String longText = "x".repeat(10_000);
        List<String> hostile = List.of("' OR '1'='1", "../../etc/passwd", "<script>alert(1)</script>", "a b",
                "ü-nicode", "\u0000", "%00", "a/b", "${jndi:ldap://x/a}", "a".repeat(65), "", " ");
        WRONG.put(Kind.ID, join(hostile, obj, arr));
        List<Object> eventIds = new ArrayList<>(WRONG.get(Kind.ID));
        eventIds.replaceAll(v -> v.equals("a".repeat(65)) ? "a".repeat(129) : v);
        WRONG.put(Kind.EVENT_ID, eventIds);
        WRONG.put(Kind.SERIAL, join(List.of("", " ", "<script>", "a".repeat(65), "\u0000x", "a b"), obj, arr));
        WRONG.put(Kind.AMOUNT, List.of("abc", "", "1e99999", "NaN", "Infinity", "-10.00", "1.2.3", "0x10",
                "10.000001", obj, arr, true));
        WRONG.put(Kind.CURRENCY, List.of("EURO", "eur", "", "US", "USD", "€", obj, arr, 5));
        WRONG.put(Kind.INSTANT, List.of("yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "", "1700000000",
                "2026-01-01", "2026-01-01T00:00:00", "+99999-01-01T00:00:00Z", obj, arr, true));
        WRONG.put(Kind.WH, List.of(-1, 1.5, "abc", 1e30, "99999999999999999999999", true, obj, arr, -9_000_000_000L));
        WRONG.put(Kind.DECIMAL, List.of("abc", "", "1e99999", "NaN", "Infinity", obj, arr, "1,5"));
        WRONG.put(Kind.MEASURE, List.of("abc", "1e99999", "NaN", obj, arr, "1,5", 1e20, "230.0000001"));
        WRONG.put(Kind.DATE, List.of("2026-13-01", "tomorrow", "", "2026-02-30", obj, arr, 20260101));
        WRONG.put(Kind.STATE, List.of("OPEN", "", "CONNECTED; DROP TABLE x", 5, obj, arr, "ON"));
        WRONG.put(Kind.EVENT_TYPE, List.of("EXPLODED", "", 5, obj, arr, "<script>"));
        // (Spring reads yes/no, on/off and 1/0 as booleans in query strings: those are valid there)
        WRONG.put(Kind.BOOL, List.of("maybe", obj, arr, "nope", "tru"));
        WRONG.put(Kind.TEXT, List.of(longText, "\u0000bad", obj, arr, "a\u0007b"));
        WRONG.put(Kind.ZONE, List.of("Mars/Olympus", "", "UTC+99", obj, arr, "../etc"));
        WRONG.put(Kind.DURATION, List.of("PT0S", "-PT1M", "forever", "", obj, arr, "P1000000D"));
        WRONG.put(Kind.PORT, List.of(0, -1, 70_000, "abc", 1.5, obj, arr));
        WRONG.put(Kind.HOST, List.of("", "a".repeat(300), "host name", "<script>", obj, arr, "a\u0000b"));
        WRONG.put(Kind.UNIT, List.of(-1, 300, "abc", 1.5, obj, arr));
        WRONG.put(Kind.COIL, List.of(-1, 70_000, "abc", 1.5, obj, arr));
        WRONG.put(Kind.PERCENT, List.of("-5", "101", "abc", "", obj, arr));
        WRONG.put(Kind.PHONE, List.of("call me", "12", "+31 6 12345678".repeat(5), obj, arr, "<script>"));
        WRONG.put(Kind.EMAIL, List.of("not-an-email", "a@", "@b.c", "x".repeat(300) + "@b.nl", obj, arr));
        WRONG.put(Kind.MODEL, List.of("sdm9999", "", obj, arr, "<script>"));
        WRONG.put(Kind.DAYS, List.of(List.of("FUNDAY"), "MONDAY", obj, List.of(), List.of(5)));
        WRONG.put(Kind.LOCAL_TIME, List.of("25:00", "7 o'clock", "", obj, arr, "07:00:00:00"));
        WRONG.put(Kind.PERIOD, List.of("2026-13", "abc", "2026", "2026-1-1", "99999-01", "' OR 1=1", "..", "2026-00"));
        WRONG.put(Kind.RESOLUTION, List.of("PT1S", "abc", "P1Y", "PT15M; DROP", "-PT1H"));
        WRONG.put(Kind.LIMIT, List.of("0", "-1", "10001", "abc", "1e3", "99999999999999999999"));
        WRONG.put(Kind.MINUTES, List.of(-1, 0, 7, 100_000, "abc", 1.5, obj, arr));
        WRONG.put(Kind.GATE, List.of(-1, 1_441, 100_000, "abc", 1.5, obj, arr));
        WRONG.put(Kind.SIDE, List.of("BOTH", "", "SELL; DROP TABLE x", 5, obj, arr, "B"));
        WRONG.put(Kind.PRICE, List.of("abc", "", "1e99999", "NaN", "-0.10", "0.12345", "1000.01", obj, arr, "1,5"));
        WRONG.put(Kind.RUN, List.of("R0", "R-1", "abc", "R99999999999999999999", "' OR 1=1", "R1.5"));
    }

    private static List<Object> join(List<String> strings, Object... more) {
        List<Object> all = new ArrayList<>(strings);
        all.addAll(List.of(more));
        return all;
    }

    /** A body field: where it is (JSON pointer) and what it is; required ones are also left out. */
    record Field(String pointer, Kind kind, boolean required) {
    }

    record Endpoint(String method, String template, Callers.Subject caller, Map<String, Kind> pathKinds,
                    Map<String, Kind> queryKinds, String body, List<Field> fields) {

        String key() {
            return method + " " + template;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JWKSource<SecurityContext> keys;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${gridledger.payments.webhook-secret}")
    String webhookSecret;

    private final ObjectMapper json = new ObjectMapper();
    private ApiUnderTest api;

    @Test
    void everyEndpointRefusesAThousandHostileInputsAndChangesNothing() throws Exception {
        Callers callers = new Callers(keys);
        Callers.Subject operator = new Callers.Subject("fz-operator", List.of(OPERATOR), NORTH, null);
        Callers.Subject device = new Callers.Subject("fz-device", List.of(DEVICE), NORTH, null);
        Callers.Subject provider = new Callers.Subject("fz-provider", List.of(PAYMENT_PROVIDER), NORTH, null);
        Callers.Subject consumer = new Callers.Subject("fz-consumer", List.of(Role.CONSUMER), NORTH, "fz-cust");
        api = new ApiUnderTest(port, jdbc);
        setUp(callers.bearer(operator));

        List<Endpoint> endpoints = endpoints(operator, device, provider, consumer);
        Set<String> documented = api.documentedEndpoints();
        Set<String> covered = new TreeSet<>();
        endpoints.forEach(e -> covered.add(e.key()));
        assertThat(documented).as("endpoints without hostile-input generators")
                .isSubsetOf(union(covered, Set.of("GET /api/v1/relay-requests")));

        SplittableRandom random = new SplittableRandom(SEED);
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> refusedBy = new java.util.TreeMap<>();
        int total = 0;
        for (Endpoint endpoint : endpoints) {
            String bearer = endpoint.caller() == null ? null : callers.bearer(endpoint.caller());
            String before = api.fingerprint("fz-");
            for (int i = 0; i < INPUTS_PER_ENDPOINT; i++) {
                Input input = generate(endpoint, random);
                HttpResponse<String> response;
                try {
                    response = send(endpoint.method(), input.path(), bearer, input.contentType(), input.body(),
                            endpoint.template().equals("/api/v1/payments/webhook"));
                } catch (java.io.IOException closed) {
                    // Over 4 MB the server answers 413 without reading the body and closes the connection;
                    // a client still writing may see the close before the answer. Anything smaller must be answered.
                    if (input.body() != null && input.body().length > 4 * 1024 * 1024) {
                        total++;
                        refusedBy.merge("413 (closed while sending)", 1, Integer::sum);
                        continue;
                    }
                    throw closed;
                }
                int status = response.statusCode();
                total++;
                refusedBy.merge(String.valueOf(status), 1, Integer::sum);
                if (status < 400 || status >= 500 || status == 401 || status == 403) {
                    wrong.add(endpoint.key() + " ← " + input.what() + " → " + status + " " + abbreviate(response.body()));
                }
            }
            String after = api.fingerprint("fz-");
            if (!before.equals(after)) {
                wrong.add(endpoint.key() + ": hostile inputs changed stored data (" + before + " → " + after + ") "
                        + jdbc.queryForList("SELECT a || ' ' || t || ' ' || n FROM (SELECT aggregate_identifier a, payload_type t, "
                        + "COUNT(*) n FROM domain_event_entry WHERE aggregate_identifier LIKE 'fz-%' GROUP BY 1, 2) x "
                        + "ORDER BY 1", String.class));
            }
        }
        System.out.printf("hostile inputs: %d endpoints, %d inputs (seed %d), answers %s%n", endpoints.size(), total,
                SEED, refusedBy);
        assertThat(wrong).as("hostile inputs that were not refused with a 4xx").isEmpty();
    }

    record Input(String path, String contentType, byte[] body, String what) {
    }

    private Input generate(Endpoint endpoint, SplittableRandom random) throws Exception {
        List<String> ways = new ArrayList<>();
        if (!endpoint.pathKinds().isEmpty()) {
            ways.add("path");
        }
        if (!endpoint.queryKinds().isEmpty()) {
            ways.add("query");
        }
        if (endpoint.body() != null) {
            ways.addAll(List.of("field", "field", "field", "field", "missing", "shape", "content-type"));
        }
        String way = ways.get(random.nextInt(ways.size()));
        Map<String, String> pathValues = new LinkedHashMap<>();
        endpoint.pathKinds().keySet().forEach(name -> pathValues.put(name, own(name)));
        String query = "";
        String contentType = "application/json";
        byte[] body = endpoint.body() == null ? null : endpoint.body().getBytes(StandardCharsets.UTF_8);
        String what;
        switch (way) {
            case "path" -> {
                String name = pick(new ArrayList<>(endpoint.pathKinds().keySet()), random);
                Object value = pick(pathValues(endpoint.pathKinds().get(name)), random);
                pathValues.put(name, String.valueOf(value));
                what = "path " + name + "=" + abbreviate(String.valueOf(value));
            }
            case "query" -> {
                String name = pick(new ArrayList<>(endpoint.queryKinds().keySet()), random);
                Object value = pick(WRONG.get(endpoint.queryKinds().get(name)).stream()
                        .filter(String.class::isInstance).toList(), random);
                query = "?" + name + "=" + encode(String.valueOf(value));
                what = "query " + name + "=" + abbreviate(String.valueOf(value));
            }
            case "field" -> {
                Field field = pick(endpoint.fields(), random);
                Object value = pick(WRONG.get(field.kind()), random);
                JsonNode tree = json.readTree(endpoint.body());
                set(tree, field.pointer(), json.valueToTree(value));
                body = json.writeValueAsBytes(tree);
                what = "field " + field.pointer() + "=" + abbreviate(json.writeValueAsString(value));
            }
            case "missing" -> {
                List<Field> required = endpoint.fields().stream().filter(Field::required).toList();
                Field field = pick(required, random);
                JsonNode tree = json.readTree(endpoint.body());
                remove(tree, field.pointer());
                body = json.writeValueAsBytes(tree);
                what = "without " + field.pointer();
            }
            case "shape" -> {
                List<String> shapes = List.of("", "{", "{}}", "[]", "\"text\"", "42", "null", "{\"a\":",
                        "{".repeat(5_000) + "}".repeat(5_000), endpoint.body().substring(0, endpoint.body().length() / 2),
                        endpoint.body() + "garbage", "\u0000\u0001\u0002", "{\"readings\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
                String shape = random.nextInt(100) == 0 ? "{\"x\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}"
                        : pick(shapes, random);
                body = shape.getBytes(StandardCharsets.UTF_8);
                what = "body " + abbreviate(shape);
            }
            default -> {
                contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x"), random);
                what = "content type " + contentType;
            }
        }
        String path = endpoint.template();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        return new Input(path + query, contentType, body, what);
    }

    private static List<Object> pathValues(Kind kind) {
        return WRONG.get(kind).stream().filter(String.class::isInstance).filter(s -> !((String) s).isBlank()).toList();
    }

    private String own(String name) {
        return switch (name) {
            case "meterId" -> "fz-meter";
            case "tariffId" -> "fz-tariff";
            case "customerId" -> "fz-cust";
            case "period" -> YearMonth.from(TestClock.now().atZone(ZoneOffset.UTC)).toString();
            case "run" -> "R1";
            case "communityId" -> "fz-park";
            case "orderId" -> "fz-order";
            case "start" -> NEXT_INTERVAL.toString();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private List<Endpoint> endpoints(Callers.Subject operator, Callers.Subject device, Callers.Subject provider,
                                     Callers.Subject consumer) {
        String now = TestClock.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String hourAgo = TestClock.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Kind> meter = Map.of("meterId", Kind.ID);
        Map<String, Kind> none = Map.of();
        Map<String, Kind> asOf = Map.of("asOf", Kind.INSTANT);
        Map<String, Kind> settlement = Map.of("period", Kind.PERIOD);
        Map<String, Kind> run = Map.of("period", Kind.PERIOD, "run", Kind.RUN);
        String money = "{\"amount\":\"10.00\",\"currency\":\"EUR\"}";
        List<Endpoint> e = new ArrayList<>();
        e.add(new Endpoint("POST", "/api/v1/payments/webhook", null, none, none,
                "{\"eventId\":\"fz-evt\",\"meterId\":\"fz-meter\",\"paymentId\":\"fz-pay\",\"amount\":" + money
                        + ",\"paidAt\":\"" + now + "\"}",
                List.of(new Field("/eventId", Kind.EVENT_ID, true), new Field("/meterId", Kind.ID, true),
                        new Field("/paymentId", Kind.ID, true), new Field("/amount/amount", Kind.AMOUNT, true),
                        new Field("/amount/currency", Kind.CURRENCY, true), new Field("/paidAt", Kind.INSTANT, false))));
        e.add(new Endpoint("PUT", "/api/v1/tariffs/{tariffId}", operator, Map.of("tariffId", Kind.ID), none,
                ApiClient.TOU_TARIFF.replace("0.3100", "0.3200"),
                List.of(new Field("/currency", Kind.CURRENCY, true), new Field("/timezone", Kind.ZONE, true),
                        new Field("/validFrom", Kind.INSTANT, true), new Field("/standingChargePerDay", Kind.DECIMAL, false),
                        new Field("/taxPercent", Kind.DECIMAL, false),
                        new Field("/import/timeOfUse/0/pricePerKwh", Kind.DECIMAL, true),
                        new Field("/import/timeOfUse/0/from", Kind.LOCAL_TIME, true),
                        new Field("/import/timeOfUse/0/days", Kind.DAYS, true),
                        new Field("/export/pricePerKwh", Kind.DECIMAL, false), new Field("/import", Kind.TEXT, true))));
        e.add(new Endpoint("GET", "/api/v1/tariffs/{tariffId}", operator, Map.of("tariffId", Kind.ID), none, null,
                List.of()));
        e.add(new Endpoint("POST", "/api/v1/meters", operator, none, none, """
                {"meterId":"fz-new","customerId":"fz-new-cust","tariffId":"fz-tariff","timezone":"Europe/Amsterdam",
                 "lowCreditThreshold":{"amount":"5","currency":"EUR"},"emergencyCreditLimit":{"amount":"10","currency":"EUR"},
                 "debt":{"amount":"1","currency":"EUR"},"debtRecoveryPercent":"10","autoEmergencyCredit":false,
                 "vulnerable":false,"friendlyCredit":{"weekly":[{"days":["MONDAY"],"from":"18:00","to":"08:00"}],
                 "holidays":["2026-12-25"]}}""",
                List.of(new Field("/meterId", Kind.ID, true), new Field("/customerId", Kind.ID, true),
                        new Field("/tariffId", Kind.ID, true), new Field("/timezone", Kind.ZONE, true),
                        new Field("/lowCreditThreshold/amount", Kind.AMOUNT, false),
                        new Field("/lowCreditThreshold/currency", Kind.CURRENCY, false),
                        new Field("/emergencyCreditLimit/amount", Kind.AMOUNT, false),
                        new Field("/debt/amount", Kind.AMOUNT, false), new Field("/debtRecoveryPercent", Kind.PERCENT, false),
                        new Field("/autoEmergencyCredit", Kind.BOOL, false), new Field("/vulnerable", Kind.BOOL, false),
                        new Field("/friendlyCredit/weekly/0/days", Kind.DAYS, false),
                        new Field("/friendlyCredit/weekly/0/from", Kind.LOCAL_TIME, false),
                        new Field("/friendlyCredit/holidays/0", Kind.DATE, false))));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}", consumer, meter, asOf, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/ledger", consumer, meter,
                Map.of("from", Kind.INSTANT, "to", Kind.INSTANT, "asOf", Kind.INSTANT), null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/statements", consumer, meter, asOf, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/statements/{period}", consumer,
                Map.of("meterId", Kind.ID, "period", Kind.PERIOD), asOf, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/consumption", consumer, meter,
                Map.of("from", Kind.INSTANT, "to", Kind.INSTANT, "resolution", Kind.RESOLUTION), null, List.of()));
        e.add(new Endpoint("POST", "/api/v1/meters/{meterId}/readings", device, meter, none,
                "{\"readings\":[{\"at\":\"" + now + "\",\"activeImportWh\":1000,\"activeExportWh\":5,"
                        + "\"reactiveQ1Varh\":1,\"voltageV\":230.1}]}",
                List.of(new Field("/readings/0/at", Kind.INSTANT, true), new Field("/readings/0/activeImportWh", Kind.WH, true),
                        new Field("/readings/0/activeExportWh", Kind.WH, false),
                        new Field("/readings/0/reactiveQ1Varh", Kind.WH, false),
                        new Field("/readings/0/voltageV", Kind.MEASURE, false), new Field("/readings", Kind.TEXT, true))));
        e.add(new Endpoint("POST", "/api/v1/meters/{meterId}/supply-confirmations", device, meter, none,
                "{\"state\":\"DISCONNECTED\",\"at\":\"" + now + "\"}",
                List.of(new Field("/state", Kind.STATE, true), new Field("/at", Kind.INSTANT, false))));
        e.add(new Endpoint("POST", "/api/v1/meters/{meterId}/replacements", operator, meter, none,
                "{\"newSerialNumber\":\"SN-2\",\"replacedAt\":\"" + hourAgo + "\"}",
                List.of(new Field("/newSerialNumber", Kind.SERIAL, true), new Field("/replacedAt", Kind.INSTANT, true))));
        e.add(new Endpoint("POST", "/api/v1/meters/{meterId}/top-ups", provider, meter, none,
                "{\"paymentId\":\"fz-pay-2\",\"amount\":" + money + ",\"paidAt\":\"" + now + "\"}",
                List.of(new Field("/paymentId", Kind.ID, true), new Field("/amount/amount", Kind.AMOUNT, true),
                        new Field("/amount/currency", Kind.CURRENCY, true), new Field("/paidAt", Kind.INSTANT, false))));
        e.add(new Endpoint("POST", "/api/v1/meters/{meterId}/emergency-credit", consumer, meter, none, null, List.of()));
        e.add(new Endpoint("POST", "/api/v1/settlement/periods/{period}/close", operator, settlement, none, null,
                List.of()));
        e.add(new Endpoint("GET", "/api/v1/settlement/periods/{period}/runs", operator, settlement, none, null,
                List.of()));
        e.add(new Endpoint("GET", "/api/v1/settlement/periods/{period}/runs/{run}", operator, run, none, null,
                List.of()));
        e.add(new Endpoint("GET", "/api/v1/settlement/periods/{period}/runs/{run}/events", operator, run, none, null,
                List.of()));
        e.add(new Endpoint("PUT", "/api/v1/devices/{meterId}/modbus", operator, meter, none,
                "{\"host\":\"127.0.0.1\",\"port\":1502,\"unitId\":1,\"model\":\"sdm630\",\"pollInterval\":\"PT1M\",\"relayCoil\":0}",
                List.of(new Field("/host", Kind.HOST, true), new Field("/port", Kind.PORT, true),
                        new Field("/unitId", Kind.UNIT, false), new Field("/model", Kind.MODEL, true),
                        new Field("/pollInterval", Kind.DURATION, false), new Field("/relayCoil", Kind.COIL, false))));
        e.add(new Endpoint("PUT", "/api/v1/devices/{meterId}/dlms", operator, meter, none,
                "{\"host\":\"127.0.0.1\",\"port\":4059,\"pollInterval\":\"PT15M\"}",
                List.of(new Field("/host", Kind.HOST, true), new Field("/port", Kind.PORT, false),
                        new Field("/pollInterval", Kind.DURATION, false))));
        e.add(new Endpoint("PUT", "/api/v1/devices/{meterId}/p1", operator, meter, none,
                "{\"host\":\"127.0.0.1\",\"port\":8088}",
                List.of(new Field("/host", Kind.HOST, true), new Field("/port", Kind.PORT, true))));
        e.add(new Endpoint("GET", "/api/v1/devices/{meterId}", operator, meter, none, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/devices/{meterId}/events", operator, meter, Map.of("tamper", Kind.BOOL),
                null, List.of()));
        e.add(new Endpoint("POST", "/api/v1/devices/{meterId}/events", device, meter, none,
                "{\"events\":[{\"type\":\"COVER_OPENED\",\"at\":\"" + now + "\",\"detail\":\"terminal cover\"}]}",
                List.of(new Field("/events/0/type", Kind.EVENT_TYPE, true), new Field("/events/0/at", Kind.INSTANT, true),
                        new Field("/events/0/detail", Kind.TEXT, false), new Field("/events", Kind.TEXT, true))));
        e.add(new Endpoint("PUT", "/api/v1/customers/{customerId}", operator, Map.of("customerId", Kind.ID), none,
                "{\"name\":\"Fuzz Customer\",\"address\":\"1 Grid Street\",\"phone\":\"+31 6 1234 5678\","
                        + "\"email\":\"fz@example.org\"}",
                List.of(new Field("/name", Kind.TEXT, true), new Field("/address", Kind.TEXT, false),
                        new Field("/phone", Kind.PHONE, false), new Field("/email", Kind.EMAIL, false))));
        e.add(new Endpoint("GET", "/api/v1/customers/{customerId}", operator, Map.of("customerId", Kind.ID), none,
                null, List.of()));
        e.add(new Endpoint("POST", "/api/v1/customers/{customerId}/erasure", operator, Map.of("customerId", Kind.ID),
                none, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/audit", operator, none,
                Map.of("from", Kind.INSTANT, "to", Kind.INSTANT, "limit", Kind.LIMIT), null, List.of()));
        // peer-to-peer trading (the valid bodies would change nothing or are never sent unbroken)
        Map<String, Kind> community = Map.of("communityId", Kind.ID);
        Map<String, Kind> range = Map.of("from", Kind.INSTANT, "to", Kind.INSTANT);
        e.add(new Endpoint("PUT", "/api/v1/market/communities/{communityId}", operator, community, none,
                "{\"name\":\"Fuzz park\",\"currency\":\"EUR\",\"intervalMinutes\":15,\"gateClosureMinutes\":5,"
                        + "\"gridFeePerKwh\":\"0.03\",\"platformFeePerKwh\":\"0.005\",\"imbalanceChargePerKwh\":\"0.05\","
                        + "\"certifyExport\":false}",
                List.of(new Field("/name", Kind.TEXT, true), new Field("/currency", Kind.CURRENCY, true),
                        new Field("/intervalMinutes", Kind.MINUTES, false),
                        new Field("/gateClosureMinutes", Kind.GATE, false),
                        new Field("/gridFeePerKwh", Kind.PRICE, false), new Field("/platformFeePerKwh", Kind.PRICE, false),
                        new Field("/imbalanceChargePerKwh", Kind.PRICE, false),
                        new Field("/certifyExport", Kind.BOOL, false))));
        e.add(new Endpoint("GET", "/api/v1/market/communities/{communityId}", operator, community, none, null,
                List.of()));
        e.add(new Endpoint("GET", "/api/v1/market/communities/{communityId}/members", operator, community, none, null,
                List.of()));
        e.add(new Endpoint("GET", "/api/v1/market/communities/{communityId}/certificates", operator, community, range,
                null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/market/communities/{communityId}/intervals/{start}", operator,
                Map.of("communityId", Kind.ID, "start", Kind.INSTANT), none, null, List.of()));
        e.add(new Endpoint("PUT", "/api/v1/market/communities/{communityId}/members/{meterId}", operator,
                Map.of("communityId", Kind.ID, "meterId", Kind.ID), none, null, List.of()));
        e.add(new Endpoint("DELETE", "/api/v1/market/communities/{communityId}/members/{meterId}", operator,
                Map.of("communityId", Kind.ID, "meterId", Kind.ID), none, null, List.of()));
        e.add(new Endpoint("PUT", "/api/v1/market/standing-orders/{meterId}", consumer, meter, none,
                "{\"side\":\"BUY\",\"limitPricePerKwh\":\"0.20\",\"maxWhPerInterval\":500,\"maxWhPerDay\":4000}",
                List.of(new Field("/side", Kind.SIDE, true), new Field("/limitPricePerKwh", Kind.PRICE, true),
                        new Field("/maxWhPerInterval", Kind.WH, false), new Field("/maxWhPerDay", Kind.WH, false))));
        e.add(new Endpoint("GET", "/api/v1/market/standing-orders/{meterId}", consumer, meter, none, null, List.of()));
        e.add(new Endpoint("DELETE", "/api/v1/market/standing-orders/{meterId}", consumer, meter, none, null,
                List.of()));
        e.add(new Endpoint("POST", "/api/v1/market/orders", consumer, none, none,
                "{\"orderId\":\"fz-order-2\",\"meterId\":\"fz-meter\",\"communityId\":\"fz-park\",\"intervalStart\":\""
                        + NEXT_INTERVAL + "\",\"side\":\"BUY\",\"energyWh\":1000,\"limitPricePerKwh\":\"0.25\"}",
                List.of(new Field("/orderId", Kind.ID, false), new Field("/meterId", Kind.ID, true),
                        new Field("/communityId", Kind.ID, false), new Field("/intervalStart", Kind.INSTANT, true),
                        new Field("/side", Kind.SIDE, true), new Field("/energyWh", Kind.WH, true),
                        new Field("/limitPricePerKwh", Kind.PRICE, true))));
        e.add(new Endpoint("DELETE", "/api/v1/market/orders/{orderId}", consumer, Map.of("orderId", Kind.ID), none,
                null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/trades", consumer, meter, range, null, List.of()));
        e.add(new Endpoint("GET", "/api/v1/meters/{meterId}/certificates", consumer, meter, range, null, List.of()));
        return e;
    }

    private void setUp(String operator) throws Exception {
        assertThat(send("PUT", "/api/v1/tariffs/fz-tariff", operator, "application/json",
                ApiClient.TOU_TARIFF.getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/meters", operator, "application/json", """
                {"meterId":"fz-meter","customerId":"fz-cust","tariffId":"fz-tariff","timezone":"Europe/Amsterdam"}"""
                .getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/customers/fz-cust", operator, "application/json",
                "{\"name\":\"Fuzz Customer\"}".getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/market/communities/fz-park", operator, "application/json",
                "{\"name\":\"Fuzz park\",\"currency\":\"EUR\",\"gridFeePerKwh\":\"0.03\",\"platformFeePerKwh\":\"0.005\",\"imbalanceChargePerKwh\":\"0.05\"}"
                        .getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/market/communities/fz-park/members/fz-meter", operator, "application/json",
                null, false).statusCode()).isEqualTo(201);
    }

    /** A call; a webhook call is signed with the provider's secret so that its body is what is judged. */
    private HttpResponse<String> send(String method, String path, String bearer, String contentType, byte[] body,
                                      boolean signed) throws Exception {
        if (!signed) {
            return api.send(method, path, bearer, contentType, body);
        }
        return api.send(method, path, bearer, contentType, body, WebhookSignature.HEADER, WebhookSignature.sign(
                webhookSecret.getBytes(StandardCharsets.UTF_8), TestClock.now(), body == null ? new byte[0] : body));
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void remove(JsonNode root, String pointer) {
        String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
    }

    private static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 120) + "…";
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
