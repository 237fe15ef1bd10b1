package io.gridledger.api.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.support.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retailer plugs in its own OpenID Connect provider (a Keycloak realm, here a stand-in serving
 * discovery and keys): its tokens are trusted with the roles at {@code realm_access.roles}; tokens it
 * did not sign, or for another issuer, are refused.
 */
@DirtiesContext
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalIdentityProviderTest {

    static final RSAKey REALM_KEY = key("realm-key");
    static final HttpServer REALM = realm();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheRealm(DynamicPropertyRegistry registry) {
        registry.add("gridledger.security.issuer-uri", ExternalIdentityProviderTest::issuer);
        registry.add("gridledger.security.roles-claim", () -> "realm_access.roles");
    }

    @AfterAll
    static void stopRealm() {
        REALM.stop(0);
    }

    @Test
    void tokensOfTheConfiguredProviderAreTrustedAndOthersAreNot() throws Exception {
        String regulator = token(REALM_KEY, issuer(), Map.of("roles", List.of("regulator")));
        assertThat(get("/api/v1/settlement/periods/2026-01/runs", regulator)).isEqualTo(200);
        assertThat(get("/api/v1/audit", regulator)).isEqualTo(200);
        String consumer = token(REALM_KEY, issuer(), Map.of("roles", List.of("consumer")));
        assertThat(get("/api/v1/audit", consumer)).as("roles come from realm_access.roles").isEqualTo(403);

        assertThat(get("/api/v1/audit", token(key("other-key"), issuer(), Map.of("roles", List.of("admin")))))
                .as("signed by a key the provider does not publish").isEqualTo(401);
        assertThat(get("/api/v1/audit", token(REALM_KEY, "https://elsewhere.example", Map.of("roles", List.of("admin")))))
                .as("another issuer").isEqualTo(401);
        assertThat(get("/api/v1/audit", TestCallers.bearer(port, "admin").substring("Bearer ".length())))
                .as("the built-in server's tokens are no longer trusted").isEqualTo(401);
    }

    private int get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String token(RSAKey key, String issuer, Map<String, Object> realmAccess) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().issuer(issuer).subject("kc-user")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("realm_access", realmAccess).claim("retailer", "gridledger-retailer").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String issuer() {
        return "http://127.0.0.1:" + REALM.getAddress().getPort() + "/realms/gridledger";
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer realm() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/realms/gridledger/.well-known/openid-configuration", exchange -> respond(exchange,
                    "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/protocol/openid-connect/certs\","
                            + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
            server.createContext("/realms/gridledger/protocol/openid-connect/certs", exchange -> respond(exchange,
                    new JWKSet(REALM_KEY.toPublicJWK()).toString()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
