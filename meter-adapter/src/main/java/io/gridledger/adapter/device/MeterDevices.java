package io.gridledger.adapter.device;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The head-end's devices ({@code meter_device}): protocol, the highest authenticated message
 * counter, last contact, clock drift and communication errors.
 */
@Component
public class MeterDevices {

    /** A meter's communication status as operators see it. */
    public record Status(String meterId, Protocol protocol, Instant lastSeenAt, boolean online, Long clockDriftMs,
                         long communicationErrors, String lastError) {
    }

    private final JdbcTemplate jdbc;

    public MeterDevices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Accepts {@code counter} for the meter only when it is above every counter seen before, in the
     * caller's transaction (together with storing the message): a replay, or a message older than
     * one already accepted, is refused. Returns the counter accepted before (−1 for a new device),
     * or empty when refused.
     */
    public OptionalLong advanceCounter(String meterId, Protocol protocol, long counter, Instant at, Instant meterClock) {
        Long drift = meterClock == null ? null : Duration.between(at, meterClock).toMillis();
        List<Long> previous = jdbc.queryForList("""
                WITH before AS (SELECT last_counter FROM meter_device WHERE meter_id = ? FOR UPDATE)
                INSERT INTO meter_device (meter_id, protocol, last_counter, first_seen_at, last_seen_at, clock_drift_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter_id) DO UPDATE SET last_counter = excluded.last_counter, protocol = excluded.protocol,
                    last_seen_at = excluded.last_seen_at,
                    clock_drift_ms = coalesce(excluded.clock_drift_ms, meter_device.clock_drift_ms)
                WHERE meter_device.last_counter < excluded.last_counter
                RETURNING coalesce((SELECT last_counter FROM before), -1)""", Long.class,
                meterId, meterId, protocol.name(), counter, Timestamp.from(at), Timestamp.from(at), drift);
        return previous.isEmpty() ? OptionalLong.empty() : OptionalLong.of(previous.get(0));
    }

    /** Records contact with a meter the head-end polls (no message counter: the head-end asked). */
    public void seen(String meterId, Protocol protocol, Instant at) {
        jdbc.update("""
                INSERT INTO meter_device (meter_id, protocol, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (meter_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, protocol = excluded.protocol""",
                meterId, protocol.name(), Timestamp.from(at), Timestamp.from(at));
    }

    /** Records that a meter did not answer or answered wrongly. */
    public void communicationError(String meterId, Protocol protocol, String error, Instant at) {
        jdbc.update("""
                INSERT INTO meter_device (meter_id, protocol, first_seen_at, last_seen_at, communication_errors, last_error)
                VALUES (?, ?, ?, ?, 1, ?)
                ON CONFLICT (meter_id) DO UPDATE SET communication_errors = meter_device.communication_errors + 1,
                    last_error = excluded.last_error""",
                meterId, protocol.name(), Timestamp.from(at), Timestamp.from(at),
                error.length() > 500 ? error.substring(0, 500) : error);
    }

    public Optional<Protocol> protocolOf(String meterId) {
        List<String> rows = jdbc.queryForList("SELECT protocol FROM meter_device WHERE meter_id = ?", String.class,
                meterId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(Protocol.valueOf(rows.get(0)));
    }

    /** Status of a meter; online when it was heard from within {@code offlineAfter} before {@code now}. */
    public Optional<Status> status(String meterId, Instant now, Duration offlineAfter) {
        return jdbc.query("SELECT * FROM meter_device WHERE meter_id = ?", rs -> {
            if (!rs.next()) {
                return Optional.empty();
            }
            Instant lastSeen = rs.getTimestamp("last_seen_at").toInstant();
            long drift = rs.getLong("clock_drift_ms");
            return Optional.of(new Status(meterId, Protocol.valueOf(rs.getString("protocol")), lastSeen,
                    !lastSeen.isBefore(now.minus(offlineAfter)), rs.wasNull() ? null : drift,
                    rs.getLong("communication_errors"), rs.getString("last_error")));
        }, meterId);
    }
}
