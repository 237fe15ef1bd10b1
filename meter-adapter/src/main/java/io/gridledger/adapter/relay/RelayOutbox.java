package io.gridledger.adapter.relay;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.ledger.account.RelayCommand;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends the relay outbox: each unsent row once, through the protocol the meter speaks, then marks
 * it sent. A send that fails stays unsent and is tried on the next pass.
 */
@Component
public class RelayOutbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RelayOutbox.class);

    private record Unsent(String requestId, int attempt, String meterId, RelayCommand command, Protocol protocol,
                          Instant requestedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<Protocol, RelaySender> senders = new EnumMap<>(Protocol.class);
    private final Semaphore nudges = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    public RelayOutbox(JdbcTemplate jdbc, Clock clock, MeterRegistry metrics, ObjectProvider<RelaySender> senders) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
        senders.orderedStream().forEach(s -> this.senders.put(s.protocol(), s));
    }

    public boolean canReach(Protocol protocol, String meterId) {
        RelaySender sender = senders.get(protocol);
        return sender != null && sender.reaches(meterId);
    }

    public void nudge() {
        nudges.release();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (thread != null || senders.isEmpty()) {
            return;
        }
        thread = new Thread(() -> {
            while (running) {
                try {
                    sendUnsent();
                    nudges.tryAcquire(1, TimeUnit.SECONDS);
                    nudges.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("event=relay_outbox_failed reason=\"{}\" action=\"check the database; unsent relay "
                            + "commands are sent once it answers\"", e.getMessage());
                }
            }
        }, "relay-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends every unsent command once; returns how many went out. */
    public int sendUnsent() {
        List<Unsent> unsent = jdbc.query("""
                SELECT request_id, attempt, meter_id, command, protocol, requested_at FROM relay_dispatch
                WHERE sent_at IS NULL ORDER BY requested_at LIMIT 500""",
                (rs, n) -> new Unsent(rs.getString(1), rs.getInt(2), rs.getString(3), RelayCommand.valueOf(rs.getString(4)),
                        Protocol.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant()));
        int sent = 0;
        for (Unsent u : unsent) {
            RelaySender sender = senders.get(u.protocol());
            if (sender == null) {
                continue;
            }
            try {
                sender.send(u.meterId(), Payloads.write(new RelayCommandMessage(u.requestId(), u.attempt(), u.command(),
                        u.requestedAt()))).get(10, TimeUnit.SECONDS);
                jdbc.update("UPDATE relay_dispatch SET sent_at = ? WHERE request_id = ? AND attempt = ?",
                        Timestamp.from(clock.instant()), u.requestId(), u.attempt());
                metrics.counter("gridledger.adapter.relay_commands", "protocol", u.protocol().name(), "command",
                        u.command().name()).increment();
                sent++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent;
            } catch (Exception e) {
                log.warn("event=relay_command_not_sent meter={} request={} attempt={} reason=\"{}\" action=\"none: "
                        + "tried again shortly; check the broker if this repeats\"", u.meterId(), u.requestId(),
                        u.attempt(), e.getMessage());
            }
        }
        return sent;
    }

    @Override
    public void destroy() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
