package io.gridledger.adapter.relay;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.ledger.account.RelayCommand;
import io.gridledger.ledger.account.RelayCommandRequested;
import io.gridledger.ledger.account.RelayCommandRetried;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns the ledger's relay requests and retries into rows of the relay outbox ({@code
 * relay_dispatch}), in the processor's transaction: one row per request and attempt, so a
 * redelivered event sends nothing again. Meters that no protocol has heard from are left to the
 * HTTP confirmation path. Never replayed, and a request older than its 24 h expiry is not sent.
 */
@Component
@Profile("!head-end")
@ProcessingGroup(RelayDispatcher.PROCESSING_GROUP)
@DisallowReplay
public class RelayDispatcher {

    public static final String PROCESSING_GROUP = "meter-relay";
    private static final Duration EXPIRY = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final MeterDevices devices;
    private final RelayOutbox outbox;
    private final Clock clock;

    public RelayDispatcher(JdbcTemplate jdbc, MeterDevices devices, RelayOutbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventHandler
    void on(RelayCommandRequested e) {
        queue(e.meterId().value(), e.requestId(), 1, e.command(), e.at());
    }

    @EventHandler
    void on(RelayCommandRetried e) {
        queue(e.meterId().value(), e.requestId(), e.attempt(), e.command(), e.at());
    }

    private void queue(String meterId, String requestId, int attempt, RelayCommand command, Instant at) {
        if (clock.instant().isAfter(at.plus(EXPIRY))) {
            return;
        }
        Optional<Protocol> protocol = devices.protocolOf(meterId).filter(p -> outbox.canReach(p, meterId));
        if (protocol.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO relay_dispatch (request_id, attempt, meter_id, command, protocol, requested_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", requestId, attempt, meterId, command.name(),
                protocol.get().name(), Timestamp.from(at));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> outbox.nudge());
        } else {
            outbox.nudge();
        }
    }
}
