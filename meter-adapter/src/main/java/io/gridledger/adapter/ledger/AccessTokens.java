package io.gridledger.adapter.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An OAuth 2.0 client-credentials access token for calling the ledger's API, fetched from its
 * token endpoint ({@code /oauth2/token}) and kept until a minute before it expires.
 */
public final class AccessTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final URI tokenEndpoint;
    private final String basicCredentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public AccessTokens(URI ledger, String clientId, String clientSecret) {
        this.tokenEndpoint = ledger.resolve("/oauth2/token");
        this.basicCredentials = Base64.getEncoder().encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header value. */
    public synchronized String bearer() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    /** Forgets the token (the ledger refused it, e.g. after its restart with a new signing key). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the ledger's token endpoint answered " + response.statusCode()
                        + "; check the client id and secret (" + tokenEndpoint + ")");
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.path("access_token").asText();
            renewAt = Instant.now().plusSeconds(body.path("expires_in").asLong(300)).minus(MARGIN);
        } catch (IOException e) {
            throw new IllegalStateException("the ledger's token endpoint did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
