package io.gridledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.adapter.ledger.AccessTokens;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client as a meter, an app or an operator would use: JSON over plain HTTP with a bearer token of
 * a demo client of the built-in authorization server ({@code simulator}, which is operator, device
 * and payment provider of the default retailer, unless {@link #as} names another).
 */
final class Http {

    record Response(int status, JsonNode json, String contentType) {

        String text(String pointer) {
            return json.at(pointer).asText();
        }

        BigDecimal amount(String pointer) {
            return new BigDecimal(json.at(pointer).asText());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final AccessTokens tokens;

    Http(int port) {
        this(port, "simulator");
    }

    private Http(int port, String clientId) {
        this.base = URI.create("http://localhost:" + port);
        this.tokens = new AccessTokens(base, clientId, clientId + "-secret");
    }

    /** The same server, called as another demo client ({@code operator}, {@code regulator}, {@code admin} …). */
    Http as(String clientId) {
        return new Http(base.getPort(), clientId);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** A response read as bytes, for CSV, PDF and exact documents. */
    record Raw(int status, byte[] body, String contentType) {

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Raw getRaw(String path, String accept) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve(path)).GET()
                    .header("Accept", accept).header("Authorization", tokens.bearer()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.header("Content-Type", "application/json")
                    .header("Authorization", tokens.bearer())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), json, r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
