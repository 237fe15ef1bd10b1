package io.gridledger.api.security;

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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gridledger.api.security.Role.ADMIN;
import static io.gridledger.api.security.Role.CONSUMER;
import static io.gridledger.api.security.Role.DEVICE;
import static io.gridledger.api.security.Role.OPERATOR;
import static io.gridledger.api.security.Role.PAYMENT_PROVIDER;
import static io.gridledger.api.security.Role.REGULATOR;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the OpenAPI description lists × every role × own and other objects. The expected
 * rule of each endpoint is written down here, apart from the application's own rules: an endpoint
 * the description lists without an entry here fails the test, and so does any call that is let
 * through where it must be refused (or refused where it must be let through). A refused call must
 * change nothing.
 */
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gridledger.credit-review.interval=1h", "gridledger.settlement.schedule-interval=1h",
                "gridledger.reconciliation.interval=1h"})
@TimeSensitive
class AuthorizationMatrixTest {

    /** What an endpoint's path names, and so what "own" means for it. */
    enum Scope { SIGNED, NONE, METER, TARIFF, CUSTOMER, SETTLEMENT, COMMUNITY, MEMBERSHIP }

    record Rule(Scope scope, Set<Role> roles) {
    }

    private static Rule rule(Scope scope, Role... roles) {
        return new Rule(scope, roles.length == 0 ? Set.of() : EnumSet.copyOf(List.of(roles)));
    }

    /** The access rules as the issue states them: function level (roles), then object level (scope). */
    static final Map<String, Rule> RULES = Map.ofEntries(
            entry("POST /api/v1/payments/webhook", rule(Scope.SIGNED)),
            entry("PUT /api/v1/tariffs/{tariffId}", rule(Scope.TARIFF, OPERATOR)),
            entry("GET /api/v1/tariffs/{tariffId}", rule(Scope.TARIFF, OPERATOR, CONSUMER, REGULATOR, ADMIN)),
            entry("POST /api/v1/meters", rule(Scope.NONE, OPERATOR)),
            entry("GET /api/v1/meters/{meterId}", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/meters/{meterId}/ledger", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/meters/{meterId}/statements", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/meters/{meterId}/statements/{period}", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/meters/{meterId}/consumption", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("POST /api/v1/meters/{meterId}/readings", rule(Scope.METER, DEVICE, OPERATOR)),
            entry("POST /api/v1/meters/{meterId}/supply-confirmations", rule(Scope.METER, DEVICE, OPERATOR)),
            entry("POST /api/v1/meters/{meterId}/replacements", rule(Scope.METER, OPERATOR)),
            entry("POST /api/v1/meters/{meterId}/top-ups", rule(Scope.METER, PAYMENT_PROVIDER, OPERATOR)),
            entry("POST /api/v1/meters/{meterId}/emergency-credit", rule(Scope.METER, CONSUMER, OPERATOR)),
            entry("POST /api/v1/settlement/periods/{period}/close", rule(Scope.SETTLEMENT, OPERATOR)),
            entry("GET /api/v1/settlement/periods/{period}/runs", rule(Scope.SETTLEMENT, REGULATOR, ADMIN, OPERATOR)),
            entry("GET /api/v1/settlement/periods/{period}/runs/{run}",
                    rule(Scope.SETTLEMENT, REGULATOR, ADMIN, OPERATOR)),
            entry("GET /api/v1/settlement/periods/{period}/runs/{run}/events",
                    rule(Scope.SETTLEMENT, REGULATOR, ADMIN, OPERATOR)),
            entry("PUT /api/v1/devices/{meterId}/modbus", rule(Scope.METER, OPERATOR)),
            entry("PUT /api/v1/devices/{meterId}/dlms", rule(Scope.METER, OPERATOR)),
            entry("PUT /api/v1/devices/{meterId}/p1", rule(Scope.METER, OPERATOR)),
            entry("GET /api/v1/devices/{meterId}", rule(Scope.METER, OPERATOR, ADMIN)),
            entry("GET /api/v1/devices/{meterId}/events", rule(Scope.METER, OPERATOR, ADMIN)),
            entry("POST /api/v1/devices/{meterId}/events", rule(Scope.METER, DEVICE)),
            entry("GET /api/v1/relay-requests", rule(Scope.NONE, DEVICE)),
            entry("PUT /api/v1/customers/{customerId}", rule(Scope.CUSTOMER, OPERATOR)),
            entry("GET /api/v1/customers/{customerId}", rule(Scope.CUSTOMER, CONSUMER, OPERATOR, ADMIN)),
            entry("POST /api/v1/customers/{customerId}/erasure", rule(Scope.CUSTOMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/audit", rule(Scope.NONE, ADMIN, REGULATOR, OPERATOR)),
            entry("PUT /api/v1/market/communities/{communityId}", rule(Scope.COMMUNITY, OPERATOR)),
            entry("GET /api/v1/market/communities/{communityId}",
                    rule(Scope.COMMUNITY, OPERATOR, REGULATOR, ADMIN, CONSUMER)),
            entry("GET /api/v1/market/communities/{communityId}/intervals/{start}",
                    rule(Scope.COMMUNITY, OPERATOR, REGULATOR, ADMIN, CONSUMER)),
            entry("GET /api/v1/market/communities/{communityId}/members", rule(Scope.COMMUNITY, OPERATOR, ADMIN)),
            entry("GET /api/v1/market/communities/{communityId}/certificates",
                    rule(Scope.COMMUNITY, OPERATOR, REGULATOR, ADMIN)),
            entry("PUT /api/v1/market/communities/{communityId}/members/{meterId}",
                    rule(Scope.MEMBERSHIP, OPERATOR, CONSUMER)),
            entry("DELETE /api/v1/market/communities/{communityId}/members/{meterId}",
                    rule(Scope.MEMBERSHIP, OPERATOR, CONSUMER)),
            entry("PUT /api/v1/market/standing-orders/{meterId}", rule(Scope.METER, CONSUMER, OPERATOR)),
            entry("GET /api/v1/market/standing-orders/{meterId}", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("DELETE /api/v1/market/standing-orders/{meterId}", rule(Scope.METER, CONSUMER, OPERATOR)),
            entry("POST /api/v1/market/orders", rule(Scope.NONE, CONSUMER, OPERATOR)),
            entry("DELETE /api/v1/market/orders/{orderId}", rule(Scope.NONE, CONSUMER, OPERATOR)),
            entry("GET /api/v1/meters/{meterId}/trades", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)),
            entry("GET /api/v1/meters/{meterId}/certificates", rule(Scope.METER, CONSUMER, OPERATOR, ADMIN)));

    static final String NORTH = "gridledger-retailer";
    static final String SOUTH = "south-power";

    static final List<Callers.Subject> SUBJECTS = List.of(
            new Callers.Subject("anonymous", List.of(), null, null),
            new Callers.Subject("consumer-own", List.of(CONSUMER), NORTH, "mx-cust-1"),
            new Callers.Subject("operator-north", List.of(OPERATOR), NORTH, null),
            new Callers.Subject("operator-south", List.of(OPERATOR), SOUTH, null),
            new Callers.Subject("regulator", List.of(REGULATOR), null, null),
            new Callers.Subject("admin", List.of(ADMIN), null, null),
            new Callers.Subject("device-north", List.of(DEVICE), NORTH, null),
            new Callers.Subject("device-south", List.of(DEVICE), SOUTH, null),
            new Callers.Subject("provider-north", List.of(PAYMENT_PROVIDER), NORTH, null),
            new Callers.Subject("provider-south", List.of(PAYMENT_PROVIDER), SOUTH, null));

    /** An object an endpoint can name, with whom it belongs to. */
    record Target(String id, String retailer, String customer) {
    }

    static final Map<Scope, List<Target>> TARGETS = Map.of(
            Scope.COMMUNITY, List.of(new Target("mx-park-north", NORTH, null), new Target("mx-park-south", SOUTH, null)),
            Scope.MEMBERSHIP, List.of(new Target("mx-park-north/mx-meter-1", NORTH, "mx-cust-1"),
                    new Target("mx-park-north/mx-meter-2", NORTH, "mx-cust-2"),
                    new Target("mx-park-south/mx-meter-3", SOUTH, "mx-cust-3")),
            Scope.METER, List.of(new Target("mx-meter-1", NORTH, "mx-cust-1"), new Target("mx-meter-2", NORTH, "mx-cust-2"),
                    new Target("mx-meter-3", SOUTH, "mx-cust-3")),
            Scope.TARIFF, List.of(new Target("mx-tariff-north", NORTH, null), new Target("mx-tariff-south", SOUTH, null)),
            Scope.CUSTOMER, List.of(new Target("mx-cust-1", NORTH, "mx-cust-1"), new Target("mx-cust-2", NORTH, "mx-cust-2"),
                    new Target("mx-cust-3", SOUTH, "mx-cust-3")),
            Scope.SETTLEMENT, List.of(new Target(YearMonth.from(TestClock.now().atZone(ZoneOffset.UTC)).toString(), NORTH, null)),
            Scope.NONE, List.of(new Target(null, null, null)),
            Scope.SIGNED, List.of(new Target(null, null, null)));

    @LocalServerPort
    int port;
    @Autowired
    JWKSource<SecurityContext> keys;
    @Autowired
    JdbcTemplate jdbc;

    private ApiUnderTest api;

    @Test
    void everyEndpointRefusesEveryCallerThatMayNotReachItsObject() throws Exception {
        api = new ApiUnderTest(port, jdbc);
        Callers callers = new Callers(keys);
        setUpTwoRetailers(callers);

        Set<String> documented = api.documentedEndpoints();
        assertThat(documented).as("endpoints in the OpenAPI description without an access rule in this test")
                .isSubsetOf(RULES.keySet());
        assertThat(RULES.keySet()).as("rules for endpoints the OpenAPI description does not list")
                .isSubsetOf(documented);

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        int denials = 0;
        for (String endpoint : documented) {
            Rule rule = RULES.get(endpoint);
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String template = endpoint.substring(endpoint.indexOf(' ') + 1);
            for (Callers.Subject subject : SUBJECTS) {
                for (Target target : TARGETS.get(rule.scope())) {
                    String path = fill(template, target);
                    boolean allowed = allowed(rule, subject, target);
                    String before = allowed ? null : api.fingerprint("mx-");
                    HttpResponse<String> response = api.send(method, path, callers.bearer(subject),
                            "application/json", method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8));
                    int status = response.statusCode();
                    calls++;
                    String call = endpoint + " as " + subject + " on " + target.id() + " → " + status;
                    if (status >= 500) {
                        wrong.add(call + " (server error)");
                    } else if (allowed && (status == 401 || status == 403)) {
                        wrong.add(call + " (must be allowed)");
                    } else if (!allowed) {
                        denials++;
                        boolean refused = subject.anonymous() || rule.scope() == Scope.SIGNED
                                ? status == 401 : status == 403 || status == 404;
                        if (!refused) {
                            wrong.add(call + " (must be refused)");
                        } else if (!before.equals(api.fingerprint("mx-"))) {
                            wrong.add(call + " (refused, but changed something)");
                        }
                    }
                }
            }
        }
        System.out.printf("authorization matrix: %d endpoints × %d callers, %d calls, %d refused as expected%n",
                documented.size(), SUBJECTS.size(), calls, denials - wrong.size());
        assertThat(wrong).as("calls that broke the access rules").isEmpty();
        assertThat(documented).hasSizeGreaterThanOrEqualTo(43);
    }

    static boolean allowed(Rule rule, Callers.Subject subject, Target target) {
        if (rule.scope() == Scope.SIGNED) {
            return false; // a provider's HMAC signature, not a token, lets a webhook in; these calls have none
        }
        return subject.roles().stream().filter(rule.roles()::contains).anyMatch(role -> switch (rule.scope()) {
            case NONE -> true;
            case METER -> role == ADMIN
                    || (role == CONSUMER ? target.customer().equals(subject.customer())
                    : target.retailer().equals(subject.retailer()));
            case TARIFF -> role == ADMIN || role == REGULATOR || target.retailer().equals(subject.retailer());
            case CUSTOMER -> role == ADMIN
                    || (role == CONSUMER ? target.customer().equals(subject.customer())
                    : role == OPERATOR && target.retailer().equals(subject.retailer()));
            case SETTLEMENT -> role == ADMIN || role == REGULATOR || NORTH.equals(subject.retailer());
            // a community: its retailer's operators and consumers, regulators and administrators
            case COMMUNITY -> role == ADMIN || role == REGULATOR || target.retailer().equals(subject.retailer());
            // a membership: as the meter (the community is of the meter's retailer in these targets)
            case MEMBERSHIP -> role == ADMIN
                    || (role == CONSUMER ? target.customer().equals(subject.customer())
                    : target.retailer().equals(subject.retailer()));
            case SIGNED -> false;
        });
    }

    private static String fill(String template, Target target) {
        if (template.contains("{communityId}")) {
            String[] ids = String.valueOf(target.id()).split("/");
            template = template.replace("{communityId}", ids[0]).replace("{start}", "2026-07-01T10:00:00Z");
            if (ids.length > 1) {
                template = template.replace("{meterId}", ids[1]);
            }
        }
        return template.replace("{orderId}", "mx-order-1").replace("{meterId}", String.valueOf(target.id()))
                .replace("{tariffId}", String.valueOf(target.id()))
                .replace("{customerId}", String.valueOf(target.id()))
                .replace("{period}", target.id() == null ? "2026-01" : target.id().startsWith("mx-")
                        ? YearMonth.from(TestClock.now().atZone(ZoneOffset.UTC)).toString() : target.id())
                .replace("{run}", "R1");
    }

    private void setUpTwoRetailers(Callers callers) throws Exception {
        Callers.Subject north = SUBJECTS.get(2);
        Callers.Subject south = SUBJECTS.get(3);
        expect(send("PUT", "/api/v1/tariffs/mx-tariff-north", callers.bearer(north), ApiClient.TOU_TARIFF), 201);
        expect(send("PUT", "/api/v1/tariffs/mx-tariff-south", callers.bearer(south), ApiClient.TOU_TARIFF), 201);
        expect(send("PUT", "/api/v1/market/communities/mx-park-north", callers.bearer(north),
                "{\"name\":\"North park\",\"currency\":\"EUR\",\"gridFeePerKwh\":\"0.03\"}"), 201);
        expect(send("PUT", "/api/v1/market/communities/mx-park-south", callers.bearer(south),
                "{\"name\":\"South park\",\"currency\":\"EUR\",\"gridFeePerKwh\":\"0.03\"}"), 201);
        for (Target meter : TARGETS.get(Scope.METER)) {
            Callers.Subject operator = meter.retailer().equals(NORTH) ? north : south;
            String tariff = meter.retailer().equals(NORTH) ? "mx-tariff-north" : "mx-tariff-south";
            expect(send("POST", "/api/v1/meters", callers.bearer(operator), """
                    {"meterId":"%s","customerId":"%s","tariffId":"%s","timezone":"Europe/Amsterdam"}"""
                    .formatted(meter.id(), meter.customer(), tariff)), 201);
            expect(send("PUT", "/api/v1/customers/" + meter.customer(), callers.bearer(operator),
                    "{\"name\":\"Customer " + meter.customer() + "\",\"email\":\"" + meter.customer() + "@example.org\"}"),
                    201);
        }
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        return api.send(method, path, bearer, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

}
