package io.gridledger.adapter.inbox;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Store and forward ({@code adapter_inbox}): what a device sent is stored before the transport is
 * acknowledged, and forwarded to the ledger from here, in order per meter.
 */
@Component
public class AdapterInbox {

    /** A stored message not yet handed to the ledger. */
    public record Pending(long id, String meterId, InboxKind kind, byte[] payload, Instant receivedAt, int attempts) {
    }

    private final JdbcTemplate jdbc;

    public AdapterInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void store(String meterId, InboxKind kind, byte[] payload, Instant receivedAt) {
        jdbc.update("INSERT INTO adapter_inbox (meter_id, kind, payload, received_at) VALUES (?, ?, ?, ?)", meterId,
                kind.name(), payload, Timestamp.from(receivedAt));
    }

    /** The oldest undelivered messages, in the order they were stored. */
    public List<Pending> pending(int limit) {
        return jdbc.query("SELECT id, meter_id, kind, payload, received_at, attempts FROM adapter_inbox "
                        + "WHERE delivered_at IS NULL ORDER BY id LIMIT ?",
                (rs, n) -> new Pending(rs.getLong("id"), rs.getString("meter_id"), InboxKind.valueOf(rs.getString("kind")),
                        rs.getBytes("payload"), rs.getTimestamp("received_at").toInstant(), rs.getInt("attempts")),
                limit);
    }

    public long pendingCount() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM adapter_inbox WHERE delivered_at IS NULL", Long.class);
        return n == null ? 0 : n;
    }

    /** Refused by the ledger for good: kept, with the reason, and not tried again. */
    public void setAside(long id, Instant at, String reason) {
        jdbc.update("UPDATE adapter_inbox SET delivered_at = ?, attempts = attempts + 1, outcome = ? WHERE id = ?",
                Timestamp.from(at), truncate("REFUSED: " + reason), id);
    }

    /** Delivered, all of them (one statement). */
    public void settleDelivered(List<Long> ids, Instant at) {
        jdbc.update("UPDATE adapter_inbox SET delivered_at = ?, attempts = attempts + 1, outcome = 'DELIVERED' "
                + "WHERE id = ANY (?)", ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", ids.toArray()));
                });
    }

    public void failedAttempt(long id, String error) {
        jdbc.update("UPDATE adapter_inbox SET attempts = attempts + 1, outcome = ? WHERE id = ?",
                truncate("RETRYING: " + error), id);
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
