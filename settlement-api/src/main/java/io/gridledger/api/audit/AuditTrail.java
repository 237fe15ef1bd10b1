package io.gridledger.api.audit;

import io.gridledger.api.security.Caller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The append-only record of privileged actions (the table refuses updates and deletes). It holds
 * who (token subject, roles, retailer), what (action and the path it targeted), when, why (the
 * caller's {@code GridLedger-Reason}) and how it ended — never a request body, so no personal data
 * or secret lands here.
 */
@Component
public class AuditTrail {

    public static final String REASON_HEADER = "GridLedger-Reason";

    public enum Outcome { DONE, REFUSED, DENIED, FAILED }

    public record Entry(long id, Instant at, String actor, String roles, String retailerId, String action,
                        String target, String reason, Outcome outcome) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Caller caller, String action, String target, String reason, Outcome outcome) {
        jdbc.update("""
                INSERT INTO audit_entry (at, actor, roles, retailer_id, action, target, reason, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                Timestamp.from(clock.instant()), clip(caller.subject(), 128), clip(caller.rolesText(), 128),
                caller.retailerId(), action, clip(target, 200), clip(reason, 500), outcome.name());
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), of one retailer or (null) all. */
    public List<Entry> entries(Instant from, Instant to, String retailerId, int limit) {
        return jdbc.query("""
                SELECT * FROM audit_entry
                WHERE at >= ? AND at < ? AND (CAST(? AS VARCHAR) IS NULL OR retailer_id = ?)
                ORDER BY id LIMIT ?""",
                (rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("roles"), rs.getString("retailer_id"), rs.getString("action"),
                        rs.getString("target"), rs.getString("reason"), Outcome.valueOf(rs.getString("outcome"))),
                Timestamp.from(from), Timestamp.from(to), retailerId, retailerId, limit);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
