package io.gridledger.adapter.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.ledger.AccessTokens;
import io.gridledger.adapter.device.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * For a head-end running as its own process (profile {@code head-end}): polls the ledger's pending
 * relay requests and puts those of the meters it serves into the relay outbox. An attempt is
 * identified by the ledger's {@code nextAttemptAt}: when the ledger retries, it moves on and a new
 * attempt is queued; the same attempt is never queued twice. Expired requests are not sent.
 */
@Component
@Profile("head-end")
public class RemoteRelayRequests {

    private static final Logger log = LoggerFactory.getLogger(RemoteRelayRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI requests;
    private final JdbcTemplate jdbc;
    private final MeterDevices devices;
    private final RelayOutbox outbox;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Logged once when the ledger stops answering and once when it is back, not on every poll. */
    private volatile boolean reachable = true;

    private final AccessTokens tokens;

    public RemoteRelayRequests(@Value("${gridledger.adapter.ledger-url}") String ledgerUrl, JdbcTemplate jdbc,
                               MeterDevices devices, RelayOutbox outbox, Clock clock, AccessTokens tokens) {
        this.tokens = tokens;
        this.requests = URI.create((ledgerUrl.endsWith("/") ? ledgerUrl : ledgerUrl + "/") + "api/v1/relay-requests");
        this.jdbc = jdbc;
        this.devices = devices;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gridledger.adapter.relay-poll-interval:2s}")
    public void poll() {
        JsonNode list;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(requests).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").header("Authorization", tokens.bearer()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                tokens.invalidate();
            }
            if (response.statusCode() != 200) {
                unreachable("status " + response.statusCode());
                return;
            }
            list = JSON.readTree(response.body()).path("requests");
        } catch (IOException | IllegalStateException e) {
            unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!reachable) {
            reachable = true;
            log.info("event=relay_requests_available ledger={}", requests);
        }
        Instant now = clock.instant();
        boolean queued = false;
        for (JsonNode r : list) {
            String meterId = r.path("meterId").asText();
            Instant due = Instant.parse(r.path("nextAttemptAt").asText());
            Instant expires = r.hasNonNull("expiresAt") ? Instant.parse(r.path("expiresAt").asText()) : null;
            Optional<Protocol> protocol = devices.protocolOf(meterId).filter(p -> outbox.canReach(p, meterId));
            if (protocol.isEmpty() || (expires != null && now.isAfter(expires))) {
                continue;
            }
            queued |= queue(meterId, r.path("requestId").asText(), r.path("command").asText(), protocol.get(), due);
        }
        if (queued) {
            outbox.nudge();
        }
    }

    private void unreachable(String reason) {
        if (reachable) {
            reachable = false;
            log.warn("event=relay_requests_unavailable reason=\"{}\" action=\"check the ledger at {}; relay commands "
                    + "wait until it answers\"", reason, requests);
        }
    }

    /** One attempt per due time the ledger gives; {@code requested_at} holds that due time. */
    private boolean queue(String meterId, String requestId, String command, Protocol protocol, Instant due) {
        return jdbc.update("""
                INSERT INTO relay_dispatch (request_id, attempt, meter_id, command, protocol, requested_at)
                SELECT ?, coalesce(max(attempt), 0) + 1, ?, ?, ?, ? FROM relay_dispatch WHERE request_id = ?
                HAVING coalesce(max(requested_at), '-infinity') < ?
                ON CONFLICT DO NOTHING""", requestId, meterId, command, protocol.name(), Timestamp.from(due),
                requestId, Timestamp.from(due)) == 1;
    }
}
