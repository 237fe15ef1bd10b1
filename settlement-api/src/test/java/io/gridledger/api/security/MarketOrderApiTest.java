package io.gridledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.gridledger.api.ApiClient;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.gridledger.api.security.Role.CONSUMER;
import static io.gridledger.api.security.Role.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market API's own rules, past the access table: an order names its meter in the body, so the
 * caller must reach that meter; consumers see the clearing of their community but of the book and
 * the trades only their own; one community per account, of the account's own retailer; order ids
 * are not reused; the gate closes the book. Every refusal is a problem+json naming the field.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class MarketOrderApiTest {

    static final String NORTH = "gridledger-retailer";
    static final Callers.Subject OPERATOR_NORTH = new Callers.Subject("mk-operator", List.of(OPERATOR), NORTH, null);
    static final Callers.Subject OPERATOR_SOUTH = new Callers.Subject("mk-operator-s", List.of(OPERATOR), "south-power", null);
    static final Callers.Subject ANNA = new Callers.Subject("mk-anna", List.of(CONSUMER), NORTH, "mk-cust-anna");
    static final Callers.Subject BEN = new Callers.Subject("mk-ben", List.of(CONSUMER), NORTH, "mk-cust-ben");

    @LocalServerPort
    int port;
    @Autowired
    JWKSource<SecurityContext> keys;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private ApiUnderTest api;
    private Callers callers;

    @Test
    void ordersBooksAndMembershipsKeepToTheirRules() throws Exception {
        api = new ApiUnderTest(port, jdbc);
        callers = new Callers(keys);
        expect(call(OPERATOR_NORTH, "PUT", "/api/v1/tariffs/mk-tariff", ApiClient.TOU_TARIFF), 201);
        expect(call(OPERATOR_SOUTH, "PUT", "/api/v1/tariffs/mk-tariff-s", ApiClient.TOU_TARIFF), 201);
        for (String[] m : List.of(new String[]{"mk-anna-1", "mk-cust-anna"}, new String[]{"mk-ben-1", "mk-cust-ben"})) {
            expect(call(OPERATOR_NORTH, "POST", "/api/v1/meters", """
                    {"meterId":"%s","customerId":"%s","tariffId":"mk-tariff","timezone":"Europe/Amsterdam"}"""
                    .formatted(m[0], m[1])), 201);
        }
        expect(call(OPERATOR_SOUTH, "POST", "/api/v1/meters", """
                {"meterId":"mk-south-1","customerId":"mk-cust-s","tariffId":"mk-tariff-s","timezone":"Europe/Amsterdam"}"""), 201);
        String community = "{\"name\":\"Park\",\"currency\":\"EUR\",\"gridFeePerKwh\":\"0.03\"}";
        expect(call(OPERATOR_NORTH, "PUT", "/api/v1/market/communities/mk-park", community), 201);
        expect(call(OPERATOR_NORTH, "PUT", "/api/v1/market/communities/mk-park", community), 200);
        expect(call(OPERATOR_NORTH, "PUT", "/api/v1/market/communities/mk-other", community), 201);

        // a consumer may sign their own meter up, not another's; an account is in one community at a time
        expect(call(ANNA, "PUT", "/api/v1/market/communities/mk-park/members/mk-anna-1", null), 201);
        expect(call(ANNA, "PUT", "/api/v1/market/communities/mk-park/members/mk-ben-1", null), 403);
        expect(call(OPERATOR_NORTH, "PUT", "/api/v1/market/communities/mk-park/members/mk-ben-1", null), 201);
        problem(call(OPERATOR_NORTH, "PUT", "/api/v1/market/communities/mk-other/members/mk-ben-1", null), 409,
                "communityId");
        problem(call(OPERATOR_SOUTH, "PUT", "/api/v1/market/communities/mk-park/members/mk-south-1", null), 403, null);

        // an order names its meter in the body: only the meter's customer or retailer may place it
        Instant start = TestClock.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
        String annaSells = order("mk-o-1", "mk-anna-1", start, "SELL", 2_000, "0.12");
        problem(call(BEN, "POST", "/api/v1/market/orders", annaSells), 403, null);
        problem(call(OPERATOR_SOUTH, "POST", "/api/v1/market/orders", annaSells), 403, null);
        HttpResponse<String> placed = call(ANNA, "POST", "/api/v1/market/orders", annaSells);
        expect(placed, 201);
        assertThat(json.readTree(placed.body()).path("communityId").asText()).isEqualTo("mk-park");
        expect(call(ANNA, "POST", "/api/v1/market/orders", annaSells), 200);
        expect(call(BEN, "POST", "/api/v1/market/orders", order("mk-o-2", "mk-ben-1", start, "BUY", 1_500, "0.30")), 201);
        problem(call(BEN, "POST", "/api/v1/market/orders",
                order("mk-o-2", "mk-ben-1", start.plus(Duration.ofMinutes(15)), "BUY", 1_500, "0.30")), 409, "orderId");
        problem(call(BEN, "POST", "/api/v1/market/orders",
                order("mk-o-3", "mk-ben-1", start.plus(Duration.ofMinutes(7)), "BUY", 1_500, "0.30")), 400,
                "intervalStart");
        problem(call(BEN, "POST", "/api/v1/market/orders",
                order("mk-o-4", "mk-ben-1", TestClock.now().truncatedTo(ChronoUnit.HOURS), "BUY", 1_500, "0.30")), 409,
                "intervalStart");
        problem(call(BEN, "POST", "/api/v1/market/orders", order("mk-o-5", "mk-ben-1", start, "BUY", 0, "0.30")), 400,
                "energyWh");
        problem(call(BEN, "POST", "/api/v1/market/orders", order("mk-o-6", "mk-ben-1", start, "BUY", 10, "-0.30")), 400,
                "limitPricePerKwh");
        problem(call(BEN, "POST", "/api/v1/market/orders", order("mk-o-7", "mk-ben-1", start, "SELL", 10, "0.30")), 400,
                "side");
        problem(call(OPERATOR_SOUTH, "POST", "/api/v1/market/orders",
                order("mk-o-8", "mk-south-1", start, "BUY", 10, "0.30")), 409, "meterId");

        // one sees the book's clearing but, as a consumer, only their own orders
        JsonNode annasView = json.readTree(call(ANNA, "GET", "/api/v1/market/communities/mk-park/intervals/" + start,
                null).body());
        assertThat(annasView.path("orders").findValuesAsText("meterId")).containsExactly("mk-anna-1");
        JsonNode operatorsView = json.readTree(call(OPERATOR_NORTH, "GET",
                "/api/v1/market/communities/mk-park/intervals/" + start, null).body());
        assertThat(operatorsView.path("orders").findValuesAsText("meterId")).containsExactly("mk-anna-1", "mk-ben-1");
        problem(call(OPERATOR_SOUTH, "GET", "/api/v1/market/communities/mk-park/intervals/" + start, null), 403, null);

        // another's order is not there for the caller; the owner cancels, and cancelling again is harmless
        problem(call(BEN, "DELETE", "/api/v1/market/orders/mk-o-1", null), 404, "orderId");
        expect(call(ANNA, "DELETE", "/api/v1/market/orders/mk-o-1", null), 204);
        expect(call(ANNA, "DELETE", "/api/v1/market/orders/mk-o-1", null), 204);
        JsonNode after = json.readTree(call(OPERATOR_NORTH, "GET", "/api/v1/market/communities/mk-park/intervals/"
                + start, null).body());
        assertThat(after.path("orders").get(0).path("status").asText()).isEqualTo("CANCELLED");

        // standing orders: only members, and a buy says how much it buys at most
        problem(call(ANNA, "PUT", "/api/v1/market/standing-orders/mk-anna-1",
                "{\"side\":\"BUY\",\"limitPricePerKwh\":\"0.20\"}"), 400, "maxWhPerDay");
        expect(call(ANNA, "PUT", "/api/v1/market/standing-orders/mk-anna-1",
                "{\"side\":\"SELL\",\"limitPricePerKwh\":\"0.11\"}"), 200);
        assertThat(json.readTree(call(ANNA, "GET", "/api/v1/market/standing-orders/mk-anna-1", null).body())
                .path("limitPricePerKwh").asText()).isEqualTo("0.1100");
        expect(call(ANNA, "DELETE", "/api/v1/market/communities/mk-park/members/mk-anna-1", null), 204);
        problem(call(ANNA, "GET", "/api/v1/market/standing-orders/mk-anna-1", null), 409, "meterId");
        problem(call(ANNA, "POST", "/api/v1/market/orders", order("mk-o-9", "mk-anna-1", start, "SELL", 10, "0.30")),
                409, "meterId");
    }

    private static String order(String id, String meter, Instant start, String side, long wh, String price) {
        return """
                {"orderId":"%s","meterId":"%s","intervalStart":"%s","side":"%s","energyWh":%d,"limitPricePerKwh":"%s"}"""
                .formatted(id, meter, start, side, wh, price);
    }

    private HttpResponse<String> call(Callers.Subject who, String method, String path, String body) throws Exception {
        return api.send(method, path, callers.bearer(who), "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private void problem(HttpResponse<String> response, int status, String field) throws Exception {
        expect(response, status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(json.readTree(response.body()).path("field").asText()).as(response.body()).isEqualTo(field);
        }
    }
}
