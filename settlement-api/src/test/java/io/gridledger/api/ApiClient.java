package io.gridledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A thin JSON client for tests: sends strings, answers status and parsed body. */
public final class ApiClient {

    public record Response(int status, JsonNode body, String contentType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestRestTemplate rest;

    public ApiClient(TestRestTemplate rest) {
        this.rest = rest;
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Response post(String path, String body) {
        return exchange(HttpMethod.POST, path, body);
    }

    public Response put(String path, String body) {
        return exchange(HttpMethod.PUT, path, body);
    }

    /** POST with extra headers (name, value, name, value…). */
    public Response post(String path, String body, String... headerPairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return exchange(HttpMethod.POST, path, body, headers);
    }

    private Response exchange(HttpMethod method, String path, String body) {
        return exchange(method, path, body, new HttpHeaders());
    }

    private Response exchange(HttpMethod method, String path, String body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        try {
            JsonNode json = r.getBody() == null ? JSON.nullNode() : JSON.readTree(r.getBody());
            MediaType type = r.getHeaders().getContentType();
            return new Response(r.getStatusCode().value(), json, type == null ? null : type.toString());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + r.getBody(), e);
        }
    }

    public static final String TOU_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
             "standingChargePerDay":"0.4500","taxPercent":"21",
             "import":{"timeOfUse":[
               {"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"07:00","to":"23:00","pricePerKwh":"0.3100"},
               {"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"23:00","to":"07:00","pricePerKwh":"0.2200"},
               {"days":["SATURDAY","SUNDAY"],"from":"00:00","to":"00:00","pricePerKwh":"0.2200"}]},
             "export":{"pricePerKwh":"0.0700"}}""";

    public static final String BLOCK_TARIFF = """
            {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
             "standingChargePerDay":"0.3000","taxPercent":"21",
             "import":{"blocks":[{"uptoKwh":240,"pricePerKwh":"0.4883"},{"uptoKwh":400,"pricePerKwh":"0.5383"},
                                 {"pricePerKwh":"0.7883"}]},
             "export":{"pricePerKwh":"0.0700"}}""";
}
