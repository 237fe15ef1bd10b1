package io.gridledger.projections.balance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads {@code balance_view}. */
@Component
public class BalanceQueries {

    private static final RowMapper<BalanceView> MAPPER = BalanceQueries::map;

    private final JdbcTemplate jdbc;

    public BalanceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BalanceView> findBalance(String meterId) {
        return jdbc.query("SELECT * FROM balance_view WHERE meter_id = ?", MAPPER, meterId).stream().findFirst();
    }

    /** Whom an account serves and which retailer it belongs to: what access to it is decided on. */
    public record AccountTenancy(String meterId, String customerId, String retailerId) {
    }

    public Optional<AccountTenancy> findTenancy(String meterId) {
        return jdbc.query("SELECT meter_id, customer_id, retailer_id FROM balance_view WHERE meter_id = ?",
                (rs, n) -> new AccountTenancy(rs.getString(1), rs.getString(2), rs.getString(3)), meterId)
                .stream().findFirst();
    }

    /** The last event sequence of the account the view has absorbed, or -1 if it has none. */
    public long findLastSequence(String meterId) {
        List<Long> found = jdbc.queryForList("SELECT last_event_sequence FROM balance_view WHERE meter_id = ?",
                Long.class, meterId);
        return found.isEmpty() ? -1 : found.get(0);
    }

    /**
     * Accounts that need a {@code ReviewCreditControl} at {@code now}: a local day without its
     * standing charge, a relay request to retry or expire, or a friendly period that has ended.
     */
    /** A relay request the ledger is waiting on: what to switch, and when it is due again or expires. */
    public record PendingRelay(String meterId, String requestId, String command, java.time.Instant nextAttemptAt,
                               java.time.Instant expiresAt) {
    }

    /** Every unconfirmed relay request of one retailer's accounts (few: one per account at most). */
    public List<PendingRelay> pendingRelayRequests(String retailerId) {
        return jdbc.query("""
                SELECT meter_id, pending_relay_request_id, pending_relay_command, relay_next_attempt_at, relay_expires_at
                FROM balance_view WHERE pending_relay_command IS NOT NULL AND retailer_id = ? ORDER BY meter_id""",
                (rs, n) -> new PendingRelay(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), retailerId);
    }

    /** Every account's meter id. */
    public List<String> findAllMeterIds() {
        return jdbc.queryForList("SELECT meter_id FROM balance_view ORDER BY meter_id", String.class);
    }

    public List<String> findMetersDueForReview(Instant now, int limit) {
        Timestamp t = Timestamp.from(now);
        return jdbc.queryForList("""
                SELECT meter_id FROM balance_view
                WHERE standing_charged_through < (?::timestamptz AT TIME ZONE timezone)::date
                   OR (pending_relay_command IS NOT NULL AND (relay_next_attempt_at <= ? OR relay_expires_at <= ?))
                   OR deferral_review_at <= ?
                ORDER BY meter_id
                LIMIT ?""", String.class, t, t, t, t, limit);
    }

    private static BalanceView map(ResultSet rs, int row) throws SQLException {
        BigDecimal balance = rs.getBigDecimal("balance");
        BigDecimal limit = rs.getBigDecimal("emergency_credit_limit");
        boolean emergencyActive = rs.getBoolean("emergency_credit_active");
        BigDecimal inUse = emergencyActive && balance.signum() < 0 ? balance.negate().min(limit) : BigDecimal.ZERO;
        BigDecimal threshold = rs.getBigDecimal("low_credit_threshold");
        return new BalanceView(
                rs.getString("meter_id"),
                rs.getString("customer_id"),
                rs.getString("tariff_id"),
                rs.getString("timezone"),
                rs.getString("currency"),
                balance,
                rs.getString("credit_state"),
                emergencyActive,
                inUse.setScale(4),
                limit,
                rs.getBigDecimal("debt"),
                threshold,
                balance.compareTo(threshold) < 0,
                rs.getString("supply"),
                rs.getString("pending_relay_command"),
                rs.getString("pending_relay_request_id"),
                instant(rs, "relay_expires_at"),
                rs.getString("deferral_reason"),
                instant(rs, "deferral_review_at"),
                instant(rs, "last_reading_at"),
                new BalanceView.Registers(
                        (Long) rs.getObject("active_import_wh"),
                        (Long) rs.getObject("active_export_wh"),
                        (Long) rs.getObject("reactive_q1_varh"),
                        (Long) rs.getObject("reactive_q2_varh"),
                        (Long) rs.getObject("reactive_q3_varh"),
                        (Long) rs.getObject("reactive_q4_varh")),
                rs.getLong("readings_rejected"),
                rs.getLong("last_event_sequence"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
