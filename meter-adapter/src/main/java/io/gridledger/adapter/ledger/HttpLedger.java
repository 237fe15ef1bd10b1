package io.gridledger.adapter.ledger;

import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ledger over its HTTP API, for a head-end running as its own process near the meters
 * (profile {@code head-end}). A 4xx answer is a refusal for good (the message is set aside with the
 * reason); no answer or a 5xx leaves the message stored, to be tried again.
 */
@Component
@Profile("head-end")
public class HttpLedger implements LedgerPort {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AccessTokens tokens;

    public HttpLedger(@Value("${gridledger.adapter.ledger-url}") String ledgerUrl, AccessTokens tokens) {
        this.base = URI.create(ledgerUrl.endsWith("/") ? ledgerUrl : ledgerUrl + "/");
        this.tokens = tokens;
    }

    @Override
    public void deliverReadings(String meterId, List<RegisterReading> readings, Instant receivedAt) {
        post("api/v1/meters/" + meterId + "/readings", Map.of("readings", readings));
    }

    @Override
    public void recordEvents(String meterId, List<MeterEvent> events, Instant receivedAt) {
        post("api/v1/devices/" + meterId + "/events", Map.of("events", events));
    }

    @Override
    public void confirmSupplyState(String meterId, SupplyState state, Instant at, Instant receivedAt) {
        post("api/v1/meters/" + meterId + "/supply-confirmations", Map.of("state", state, "at", at.toString()));
    }

    private void post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", tokens.bearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(Payloads.write(body))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the ledger at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 401) {
            tokens.invalidate();
            throw new IllegalStateException("the ledger did not take the head-end's access token; fetching a new one");
        }
        if (status == 429) {
            throw new IllegalStateException("the ledger asked the head-end to slow down (429)");
        }
        if (status >= 400 && status < 500) {
            throw new LedgerRefusedException("the ledger refused " + path + ": " + status + " " + response.body(), null);
        }
        if (status >= 300) {
            throw new IllegalStateException("the ledger answered " + status + " to " + path);
        }
    }
}
