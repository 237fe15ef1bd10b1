package io.gridledger.projections.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Reads {@code ledger_entry} in the order the money moved. */
@Component
public class LedgerQueries {

    private final JdbcTemplate jdbc;

    public LedgerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Entries with {@code from <= at < to}; either bound may be null. */
    public List<LedgerEntryView> findEntries(String meterId, Instant from, Instant to) {
        return jdbc.query("""
                        SELECT * FROM ledger_entry
                        WHERE meter_id = ? AND (?::timestamptz IS NULL OR at >= ?) AND (?::timestamptz IS NULL OR at < ?)
                        ORDER BY event_sequence, line_no""",
                (rs, n) -> new LedgerEntryView(
                        rs.getTimestamp("at").toInstant(),
                        LedgerEntryType.valueOf(rs.getString("type")),
                        rs.getBigDecimal("amount"),
                        rs.getBigDecimal("balance_after"),
                        rs.getString("currency"),
                        rs.getString("cause"),
                        (Long) rs.getObject("energy_wh"),
                        rs.getLong("event_sequence"),
                        rs.getInt("line_no")),
                meterId, ts(from), ts(from), ts(to), ts(to));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
