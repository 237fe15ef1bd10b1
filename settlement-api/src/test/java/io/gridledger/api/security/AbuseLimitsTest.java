package io.gridledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.support.TestCallers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits per caller and per meter (429 with Retry-After), the body size limit (413), CORS only
 * for configured origins, and the security headers, with limits small enough to reach in a test.
 */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gridledger.security.rate-limit.per-caller-per-second=5",
                "gridledger.security.rate-limit.per-caller-burst=10",
                "gridledger.security.rate-limit.per-meter-per-second=1",
                "gridledger.security.rate-limit.per-meter-burst=3",
                "gridledger.security.max-body-size=2KB",
                "gridledger.security.cors-allowed-origins=https://app.example.org"})
class AbuseLimitsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCallerThatSendsTooMuchIsSlowedDownAndOthersAreNot() throws Exception {
        String regulator = TestCallers.bearer(port, "regulator");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = send("GET", "/api/v1/settlement/periods/2026-01/runs", regulator, null, null);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses).contains(200, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json.readTree(limited.body()).path("status").asInt()).isEqualTo(429);
        assertThat(send("GET", "/api/v1/audit", TestCallers.bearer(port, "admin"), null, null).statusCode())
                .as("another caller is not slowed down").isEqualTo(200);
    }

    @Test
    void oneMetersWritesAreLimitedWhoeverSendsThem() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (String client : List.of("head-end", "operator", "head-end", "operator", "head-end", "operator")) {
            statuses.add(send("POST", "/api/v1/meters/abuse-meter/supply-confirmations", TestCallers.bearer(port, client),
                    "application/json", "{\"state\":\"CONNECTED\"}").statusCode());
        }
        assertThat(statuses.subList(0, 3)).doesNotContain(429);
        assertThat(statuses).contains(429);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsReadAndChangesNothing() throws Exception {
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        String big = "{\"name\":\"" + "x".repeat(4096) + "\"}";
        HttpResponse<String> r = send("PUT", "/api/v1/customers/abuse-cust", TestCallers.bearer(port, "operator"),
                "application/json", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json.readTree(r.body()).path("field").asText()).isEqualTo("body");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_profile WHERE customer_id = 'abuse-cust'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class)).isEqualTo(events);
    }

    @Test
    void browsersMayCallTheApiOnlyFromConfiguredOriginsAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> allowed = preflight("https://app.example.org");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
        assertThat(preflight("https://evil.example.com").statusCode()).isEqualTo(403);

        HttpResponse<String> answer = send("GET", "/api/v1/meters/x", null, null, null);
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/meters/x"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String bearer, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
