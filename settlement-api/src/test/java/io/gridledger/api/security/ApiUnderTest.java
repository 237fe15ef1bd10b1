package io.gridledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The running application as the security tests see it: its endpoints as the OpenAPI description
 * lists them, raw HTTP calls, and a fingerprint of what a refused call must leave alone.
 */
final class ApiUnderTest {

    private final int port;
    private final JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    ApiUnderTest(int port, JdbcTemplate jdbc) {
        this.port = port;
        this.jdbc = jdbc;
    }

    /** Every documented endpoint as {@code METHOD /path/{variable}}. */
    Set<String> documentedEndpoints() throws Exception {
        JsonNode docs = json.readTree(send("GET", "/v3/api-docs", null, null, null).body());
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
        }
        return documented;
    }

    /** A call with a bearer token and a content type (either may be null) and more headers (name, value, …). */
    HttpResponse<String> send(String method, String path, String bearer, String contentType, byte[] body,
                              String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What a refused call must leave alone: the events of this test's own accounts and tariffs (ids
     * starting with {@code prefix}), the accounts and tariffs there are (other test classes' contexts
     * share the database and their schedulers add events of their own), personal data, device
     * registrations and webhook events.
     */
    String fingerprint(String prefix) {
        return jdbc.queryForObject("""
                SELECT (SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ? || '%'
                            OR aggregate_identifier LIKE 'community:' || ? || '%'
                            OR aggregate_identifier LIKE 'membership:' || ? || '%') || '/' ||
                       (SELECT COUNT(*) FROM domain_event_entry WHERE sequence_number = 0
                            AND (payload_type LIKE '%MeterAccountOpened' OR payload_type LIKE '%TariffVersionDefined'))
                        || '/' ||
                       (SELECT md5(COALESCE(string_agg(customer_id || ':' || COALESCE(name, '') || ':'
                            || COALESCE(phone, '') || ':' || COALESCE(erased_at::text, ''), ',' ORDER BY customer_id), ''))
                        FROM customer_profile) || '/' ||
                       (SELECT COUNT(*) FROM modbus_meter) || '/' || (SELECT COUNT(*) FROM dlms_meter) || '/' ||
                       (SELECT COUNT(*) FROM p1_source) || '/' || (SELECT COUNT(*) FROM payment_webhook_event)""",
                String.class, prefix, prefix, prefix);
    }
}
