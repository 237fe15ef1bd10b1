package io.gridledger.adapter.dlms;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The DLMS/COSEM meters ({@code dlms_meter}): where they are, when to read them, and invocation counters. */
@Component
public class DlmsMeters {

    /** Invocation counters reserved per association; a session uses a handful of frames. */
    static final long COUNTER_BLOCK = 1_000;

    public record DlmsMeter(String meterId, String host, int port, Duration pollInterval, int consecutiveFailures,
                            Instant profileReadThrough) {
    }

    private final JdbcTemplate jdbc;

    public DlmsMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers or changes a meter; its first reading is due at once. True when new. */
    public boolean register(DlmsMeter meter, Instant now) {
        Integer created = jdbc.queryForObject("""
                INSERT INTO dlms_meter (meter_id, host, port, poll_interval_seconds, next_poll_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (meter_id) DO UPDATE SET host = excluded.host, port = excluded.port,
                    poll_interval_seconds = excluded.poll_interval_seconds, next_poll_at = excluded.next_poll_at
                RETURNING (xmax = 0)::int""", Integer.class, meter.meterId(), meter.host(), meter.port(),
                Math.toIntExact(meter.pollInterval().toSeconds()), Timestamp.from(now));
        return created != null && created == 1;
    }

    public Optional<DlmsMeter> find(String meterId) {
        return jdbc.query("SELECT * FROM dlms_meter WHERE meter_id = ?", (rs, n) -> meter(rs), meterId).stream()
                .findFirst();
    }

    /**
     * The first invocation counter of a new association, with the next {@value #COUNTER_BLOCK}
     * reserved for it (committed before the association starts, so never used twice).
     */
    public long reserveInvocationCounters(String meterId) {
        Long first = jdbc.queryForObject("UPDATE dlms_meter SET invocation_counter = invocation_counter + ? "
                + "WHERE meter_id = ? RETURNING invocation_counter - ?", Long.class, COUNTER_BLOCK, meterId, COUNTER_BLOCK);
        if (first == null) {
            throw new IllegalStateException("meter " + meterId + " is not a registered DLMS meter");
        }
        return first;
    }

    List<DlmsMeter> due(Instant now, int limit) {
        return jdbc.query("SELECT * FROM dlms_meter WHERE next_poll_at <= ? ORDER BY next_poll_at LIMIT ?",
                (rs, n) -> meter(rs), Timestamp.from(now), limit);
    }

    void profileReadThrough(String meterId, Instant end) {
        jdbc.update("UPDATE dlms_meter SET profile_read_through = ? WHERE meter_id = ?", Timestamp.from(end), meterId);
    }

    void scheduleNext(String meterId, Instant next, int consecutiveFailures) {
        jdbc.update("UPDATE dlms_meter SET next_poll_at = ?, consecutive_failures = ? WHERE meter_id = ?",
                Timestamp.from(next), consecutiveFailures, meterId);
    }

    private static DlmsMeter meter(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp profile = rs.getTimestamp("profile_read_through");
        return new DlmsMeter(rs.getString("meter_id"), rs.getString("host"), rs.getInt("port"),
                Duration.ofSeconds(rs.getInt("poll_interval_seconds")), rs.getInt("consecutive_failures"),
                profile == null ? null : profile.toInstant());
    }
}
