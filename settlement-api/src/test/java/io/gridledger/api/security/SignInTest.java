package io.gridledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.ApiClient;
import io.gridledger.api.GridLedgerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in authorization server as a customer and a machine use it: a consumer signs in through
 * the authorization-code flow with PKCE and sees their own meter only; a client gets a token by the
 * client-credentials grant; a wrong password, a wrong secret or a forged token gets nothing.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTest {

    static final String REDIRECT = "http://127.0.0.1:8080/signed-in";

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aConsumerSignsInWithPkceAndSeesTheirOwnMeterOnly() throws Exception {
        ApiClient operator = new ApiClient(rest);
        operator.put("/api/v1/tariffs/signin-tou", ApiClient.TOU_TARIFF);
        // anna is the demo consumer of customer cust-0001
        assertThat(operator.post("/api/v1/meters", """
                {"meterId":"signin-anna","customerId":"cust-0001","tariffId":"signin-tou","timezone":"Europe/Amsterdam"}""")
                .status()).isEqualTo(201);
        assertThat(operator.post("/api/v1/meters", """
                {"meterId":"signin-other","customerId":"signin-someone-else","tariffId":"signin-tou","timezone":"Europe/Amsterdam"}""")
                .status()).isEqualTo(201);

        String token = signIn("anna", "demo-password");
        assertThat(get("/api/v1/meters/signin-anna", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/meters/signin-other", token).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/meters/signin-anna/top-ups", token,
                "{\"paymentId\":\"p\",\"amount\":{\"amount\":\"5\",\"currency\":\"EUR\"}}").statusCode())
                .as("consumers top up through a payment provider, not themselves").isEqualTo(403);

        assertThat(signInCode("anna", "wrong-password")).isNull();
    }

    @Test
    void machinesGetTokensByClientCredentialsAndForgedTokensAreRefused() throws Exception {
        HttpResponse<String> granted = token("grant_type=client_credentials", "regulator:regulator-secret");
        assertThat(granted.statusCode()).isEqualTo(200);
        String token = json.readTree(granted.body()).path("access_token").asText();
        assertThat(get("/api/v1/settlement/periods/2026-01/runs", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/meters/anything", token).statusCode()).isEqualTo(403);

        assertThat(token("grant_type=client_credentials", "regulator:wrong").statusCode()).isEqualTo(401);
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("REGULATOR", "ADMIN").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> forged = get("/api/v1/audit", parts[0] + "." + forgedClaims + "." + parts[2]);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        JsonNode problem = json.readTree(forged.body());
        assertThat(problem.path("field").asText()).isEqualTo("Authorization");
        assertThat(get("/api/v1/meters/anything", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestBodyCannotNameTheOwnerRetailerOrBalance() throws Exception {
        String south = json.readTree(token("grant_type=client_credentials", "operator-south:operator-south-secret")
                .body()).path("access_token").asText();
        String north = json.readTree(token("grant_type=client_credentials", "operator:operator-secret")
                .body()).path("access_token").asText();
        assertThat(put("/api/v1/tariffs/south-tou", south, ApiClient.TOU_TARIFF).statusCode()).isEqualTo(201);
        HttpResponse<String> opened = post("/api/v1/meters", south, """
                {"meterId":"south-meter","customerId":"south-cust","tariffId":"south-tou","timezone":"Europe/Amsterdam",
                 "retailerId":"gridledger-retailer","retailer":"gridledger-retailer","balance":{"amount":"1000","currency":"EUR"},
                 "owner":"cust-0001","roles":["ADMIN"]}""");
        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(json.readTree(opened.body()).path("balance").decimalValue()).isZero();
        assertThat(get("/api/v1/meters/south-meter", north).statusCode())
                .as("the account belongs to the caller's retailer, whatever the body says").isEqualTo(403);
        assertThat(get("/api/v1/meters/south-meter", south).statusCode()).isEqualTo(200);
        assertThat(put("/api/v1/tariffs/south-tou", north, ApiClient.TOU_TARIFF).statusCode())
                .as("another retailer's tariff cannot be changed").isEqualTo(403);
        assertThat(post("/api/v1/meters", north, """
                {"meterId":"north-on-south","customerId":"c","tariffId":"south-tou","timezone":"Europe/Amsterdam"}""")
                .statusCode()).as("nor used").isEqualTo(404);
    }

    private String signIn(String user, String password) throws Exception {
        String[] code = signInCode(user, password);
        assertThat(code).as("authorization code").isNotNull();
        HttpResponse<String> response = token("grant_type=authorization_code&client_id=gridledger-app&code="
                + enc(code[0]) + "&redirect_uri=" + enc(REDIRECT) + "&code_verifier=" + code[1], null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asText();
    }

    /** The authorization code and the PKCE verifier, or null when the sign-in is refused. */
    private String[] signInCode(String user, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = url("/oauth2/authorize?response_type=code&client_id=gridledger-app&redirect_uri=" + enc(REDIRECT)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> first = browser.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        String page = browser.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)
                        + "&_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        if (login.headers().firstValue("Location").orElse("").contains("error")) {
            return null;
        }
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back.headers().firstValue("Location").orElse(""));
        return code.find() ? new String[] {java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), verifier}
                : null;
    }

    private HttpResponse<String> token(String form, String basic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
