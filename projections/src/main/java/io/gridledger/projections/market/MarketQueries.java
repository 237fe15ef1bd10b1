package io.gridledger.projections.market;

import io.gridledger.ledger.market.MeasuredInterval;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Reads the market's read models, and what the meters measured in an interval (from {@code interval_consumption}). */
@Component
public class MarketQueries {

    private final JdbcTemplate jdbc;

    public MarketQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MarketViews.Community> community(String communityId) {
        return jdbc.query("""
                SELECT c.*, (SELECT count(*) FROM community_member m WHERE m.community_id = c.community_id) AS members
                FROM trading_community c WHERE community_id = ?""", COMMUNITY, communityId).stream().findFirst();
    }

    public List<MarketViews.Community> communities() {
        return jdbc.query("""
                SELECT c.*, (SELECT count(*) FROM community_member m WHERE m.community_id = c.community_id) AS members
                FROM trading_community c ORDER BY community_id""", COMMUNITY);
    }

    /** Whether a meter of {@code customerId} is a member of the community. */
    public boolean hasMemberOfCustomer(String communityId, String customerId) {
        return customerId != null && Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM community_member m JOIN balance_view b ON b.meter_id = m.meter_id
                               WHERE m.community_id = ? AND b.customer_id = ?)""", Boolean.class, communityId,
                customerId));
    }

    /** The account's time zone (for a member's local day), if the account is known. */
    public Optional<ZoneId> timezoneOf(String meterId) {
        return jdbc.queryForList("SELECT timezone FROM balance_view WHERE meter_id = ?", String.class, meterId)
                .stream().findFirst().map(ZoneId::of);
    }

    public Optional<MarketViews.Member> membership(String meterId) {
        return jdbc.query("SELECT * FROM community_member WHERE meter_id = ?", MEMBER, meterId).stream().findFirst();
    }

    public List<MarketViews.Member> members(String communityId) {
        return jdbc.query("SELECT * FROM community_member WHERE community_id = ? ORDER BY meter_id", MEMBER,
                communityId);
    }

    public Optional<MarketViews.Interval> interval(String communityId, Instant start) {
        List<MarketViews.Order> orders = jdbc.query("""
                SELECT * FROM market_order WHERE community_id = ? AND interval_start = ? ORDER BY sequence_no""",
                ORDER, communityId, ts(start));
        List<MarketViews.Trade> trades = jdbc.query("""
                SELECT * FROM market_trade WHERE community_id = ? AND interval_start = ? ORDER BY trade_id""",
                TRADE, communityId, ts(start));
        return jdbc.query("SELECT * FROM market_interval WHERE community_id = ? AND interval_start = ?",
                (rs, n) -> new MarketViews.Interval(rs.getString("community_id"), instant(rs, "interval_start"),
                        instant(rs, "interval_end"), instant(rs, "gate_closure_at"), rs.getString("currency"),
                        rs.getString("status"), rs.getBigDecimal("clearing_price"), rs.getLong("volume_wh"),
                        rs.getInt("trade_count"), nullableLong(rs, "delivered_wh"),
                        rs.getString("unmeasured") == null ? List.of()
                                : Arrays.asList(rs.getString("unmeasured").split(",")),
                        instant(rs, "cleared_at"), instant(rs, "settled_at"), orders, trades),
                communityId, ts(start)).stream().findFirst();
    }

    /** Every order placed under {@code orderId} (in any community and interval), newest interval first. */
    public List<MarketViews.Order> ordersWithId(String orderId) {
        return jdbc.query("SELECT * FROM market_order WHERE order_id = ? ORDER BY interval_start DESC", ORDER, orderId);
    }

    /** Whether the meter has an order (open or cancelled) in the community's book for the interval. */
    public boolean hasOrderIn(String communityId, Instant start, String meterId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM market_order WHERE community_id = ? AND interval_start = ? AND meter_id = ?)""",
                Boolean.class, communityId, ts(start), meterId));
    }

    /** The meter's trades as buyer or seller with {@code from <= interval start < to}. */
    public List<MarketViews.Trade> trades(String meterId, Instant from, Instant to) {
        return jdbc.query("""
                SELECT * FROM market_trade WHERE (buyer_meter_id = ? OR seller_meter_id = ?)
                    AND interval_start >= ? AND interval_start < ? ORDER BY interval_start, trade_id""",
                TRADE, meterId, meterId, ts(from), ts(to));
    }

    /** Certificates the meter produced or owns with {@code from <= period start < to}. */
    public List<MarketViews.Certificate> certificatesOf(String meterId, Instant from, Instant to) {
        return jdbc.query("""
                SELECT * FROM green_certificate WHERE (owner_meter_id = ? OR source_meter_id = ?)
                    AND period_start >= ? AND period_start < ? ORDER BY period_start, certificate_id""",
                CERTIFICATE, meterId, meterId, ts(from), ts(to));
    }

    /** The certificates of a retailer's communities with {@code from <= period start < to}, for a registry export. */
    public List<MarketViews.Certificate> certificatesOfRetailer(String retailerId, Instant from, Instant to) {
        return jdbc.query("""
                SELECT g.* FROM green_certificate g JOIN trading_community c ON c.community_id = g.community_id
                WHERE c.retailer_id = ? AND g.period_start >= ? AND g.period_start < ?
                ORDER BY g.period_start, g.certificate_id""", CERTIFICATE, retailerId, ts(from), ts(to));
    }

    /** Open books whose gate has closed by {@code now}, oldest first. */
    public List<MarketViews.DueInterval> gateClosedBy(Instant now, int limit) {
        return jdbc.query("""
                SELECT community_id, interval_start, interval_end FROM market_interval
                WHERE status = 'OPEN' AND gate_closure_at <= ? ORDER BY gate_closure_at LIMIT ?""",
                DUE, ts(now), limit);
    }

    /** Cleared intervals that have ended by {@code now} and have trades (or export to certify), oldest first. */
    public List<MarketViews.DueInterval> endedAndCleared(Instant now, int limit) {
        return jdbc.query("""
                SELECT i.community_id, i.interval_start, i.interval_end FROM market_interval i
                JOIN trading_community c ON c.community_id = i.community_id
                WHERE i.status = 'CLEARED' AND i.interval_end <= ? AND (i.trade_count > 0 OR c.certify_export)
                ORDER BY i.interval_end LIMIT ?""", DUE, ts(now), limit);
    }

    /** Settled trades with a side not yet booked on its account, oldest first. */
    public List<MarketViews.UnbookedTrade> unbookedTrades(int limit) {
        return jdbc.query("""
                SELECT * FROM market_trade
                WHERE status = 'SETTLED' AND (buyer_booked_at IS NULL OR seller_booked_at IS NULL)
                ORDER BY settled_at, trade_id LIMIT ?""", (rs, n) -> new MarketViews.UnbookedTrade(
                rs.getString("trade_id"), instant(rs, "interval_start"), instant(rs, "interval_end"),
                rs.getString("currency"), rs.getString("buyer_meter_id"), rs.getString("seller_meter_id"),
                rs.getLong("matched_wh"), rs.getLong("delivered_wh"), rs.getBigDecimal("value"),
                rs.getBigDecimal("buyer_pays"), rs.getBigDecimal("buyer_tariff_refund"),
                rs.getBigDecimal("seller_receives"), rs.getBigDecimal("seller_export_reversal"),
                rs.getLong("seller_bank_withdrawn_wh"), rs.getBigDecimal("imbalance_charge"),
                rs.getTimestamp("buyer_booked_at") != null, rs.getTimestamp("seller_booked_at") != null), limit);
    }

    /** The buyers and sellers of an interval's trades. */
    public List<String> participants(String communityId, Instant start) {
        return jdbc.queryForList("""
                SELECT buyer_meter_id FROM market_trade WHERE community_id = ? AND interval_start = ?
                UNION SELECT seller_meter_id FROM market_trade WHERE community_id = ? AND interval_start = ?""",
                String.class, communityId, ts(start), communityId, ts(start));
    }

    /** Wh the meter's orders were matched for in trades of intervals starting in {@code [from, to)}. */
    public long matchedWh(String meterId, Instant from, Instant to) {
        Long wh = jdbc.queryForObject("""
                SELECT COALESCE(sum(matched_wh), 0) FROM market_trade
                WHERE (buyer_meter_id = ? OR seller_meter_id = ?) AND interval_start >= ? AND interval_start < ?""",
                Long.class, meterId, meterId, ts(from), ts(to));
        return wh == null ? 0 : wh;
    }

    /**
     * What the meter measured in {@code [start, end)}, or empty while its accepted readings do not
     * reach {@code end}. A reading span that straddles a bound counts pro rata by time: energy
     * rounded down to whole Wh, money half-even to four decimals.
     */
    public Optional<MeasuredInterval> measured(String meterId, Instant start, Instant end, Currency currency) {
        Timestamp covered = jdbc.queryForObject(
                "SELECT max(interval_end) FROM interval_consumption WHERE meter_id = ?", Timestamp.class, meterId);
        if (covered == null || covered.toInstant().isBefore(end)) {
            return Optional.empty();
        }
        long[] energy = new long[3];
        BigDecimal[] money = {BigDecimal.ZERO, BigDecimal.ZERO};
        jdbc.query("""
                SELECT interval_start, interval_end, import_wh, export_wh, charged,
                    COALESCE(export_credit, 0) AS export_credit, COALESCE(bank_deposit_wh, 0) AS bank_deposit_wh
                FROM interval_consumption WHERE meter_id = ? AND interval_end > ? AND interval_start < ?""", rs -> {
            long spanStart = rs.getTimestamp("interval_start").toInstant().toEpochMilli();
            long spanEnd = rs.getTimestamp("interval_end").toInstant().toEpochMilli();
            long overlap = Math.min(spanEnd, end.toEpochMilli()) - Math.max(spanStart, start.toEpochMilli());
            long length = spanEnd - spanStart;
            if (overlap <= 0 || length <= 0) {
                return;
            }
            energy[0] += share(rs.getLong("import_wh"), overlap, length);
            energy[1] += share(rs.getLong("export_wh"), overlap, length);
            energy[2] += share(rs.getLong("bank_deposit_wh"), overlap, length);
            money[0] = money[0].add(share(rs.getBigDecimal("charged"), overlap, length));
            money[1] = money[1].add(share(rs.getBigDecimal("export_credit"), overlap, length));
        }, meterId, ts(start), ts(end));
        return Optional.of(new MeasuredInterval(new MeterId(meterId), energy[0], energy[1],
                Money.rounded(money[0], currency), Money.rounded(money[1], currency), Math.min(energy[2], energy[1])));
    }

    /**
     * The meter's latest measured import and export scaled to {@code interval} (persistence forecast),
     * from its last accepted reading span that ended at or before {@code before}; empty without one.
     */
    public Optional<long[]> latestRate(String meterId, Instant before, Duration interval) {
        return jdbc.query("""
                SELECT interval_start, interval_end, import_wh, export_wh FROM interval_consumption
                WHERE meter_id = ? AND interval_end <= ? ORDER BY interval_end DESC LIMIT 1""", (rs, n) -> {
            long length = rs.getTimestamp("interval_end").getTime() - rs.getTimestamp("interval_start").getTime();
            long target = interval.toMillis();
            return new long[]{share(rs.getLong("import_wh"), target, length), share(rs.getLong("export_wh"), target, length)};
        }, meterId, ts(before)).stream().findFirst();
    }

    private static long share(long wh, long part, long whole) {
        return part == whole ? wh : Math.multiplyExact(wh, part) / whole;
    }

    private static BigDecimal share(BigDecimal amount, long part, long whole) {
        return part == whole ? amount : amount.multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(whole), Money.SCALE, Money.ROUNDING);
    }

    private static final RowMapper<MarketViews.Community> COMMUNITY = (rs, n) -> new MarketViews.Community(
            rs.getString("community_id"), rs.getString("retailer_id"), rs.getString("name"), rs.getString("currency"),
            rs.getInt("interval_minutes"), rs.getInt("gate_closure_minutes"), rs.getBigDecimal("grid_fee_per_kwh"),
            rs.getBigDecimal("platform_fee_per_kwh"), rs.getBigDecimal("imbalance_charge_per_kwh"),
            rs.getBoolean("certify_export"), rs.getLong("members"), instant(rs, "defined_at"),
            instant(rs, "updated_at"));

    private static final RowMapper<MarketViews.Member> MEMBER = (rs, n) -> new MarketViews.Member(
            rs.getString("meter_id"), rs.getString("community_id"), instant(rs, "joined_at"),
            rs.getString("standing_side") == null ? null : new MarketViews.StandingOrder(rs.getString("standing_side"),
                    rs.getBigDecimal("standing_limit_price_per_kwh"), nullableLong(rs, "standing_max_wh_per_interval"),
                    nullableLong(rs, "standing_max_wh_per_day"), instant(rs, "standing_set_at")));

    private static final RowMapper<MarketViews.Order> ORDER = (rs, n) -> new MarketViews.Order(
            rs.getString("order_id"), rs.getString("community_id"), instant(rs, "interval_start"),
            rs.getString("meter_id"), rs.getString("side"), rs.getLong("energy_wh"),
            rs.getBigDecimal("limit_price_per_kwh"), rs.getLong("sequence_no"), rs.getString("status"),
            rs.getLong("matched_wh"), instant(rs, "placed_at"), instant(rs, "cancelled_at"));

    private static final RowMapper<MarketViews.Trade> TRADE = (rs, n) -> new MarketViews.Trade(
            rs.getString("trade_id"), rs.getString("community_id"), instant(rs, "interval_start"),
            instant(rs, "interval_end"), rs.getString("currency"), rs.getString("buyer_meter_id"),
            rs.getString("seller_meter_id"), rs.getString("buy_order_id"), rs.getString("sell_order_id"),
            rs.getBigDecimal("price_per_kwh"), rs.getLong("matched_wh"), rs.getString("status"),
            nullableLong(rs, "delivered_wh"), nullableLong(rs, "seller_short_wh"), rs.getBigDecimal("value"),
            rs.getBigDecimal("grid_fee"), rs.getBigDecimal("platform_fee"), rs.getBigDecimal("buyer_pays"),
            rs.getBigDecimal("seller_receives"), rs.getBigDecimal("buyer_tariff_refund"),
            rs.getBigDecimal("seller_export_reversal"), nullableLong(rs, "seller_bank_withdrawn_wh"),
            rs.getBigDecimal("imbalance_charge"), (Boolean) rs.getObject("readings_missing"),
            instant(rs, "settled_at"));

    private static final RowMapper<MarketViews.Certificate> CERTIFICATE = (rs, n) -> new MarketViews.Certificate(
            rs.getString("certificate_id"), rs.getString("community_id"), rs.getString("source_meter_id"),
            rs.getString("technology"), instant(rs, "period_start"), instant(rs, "period_end"), rs.getLong("wh"),
            rs.getString("owner_meter_id"), rs.getString("status"), instant(rs, "issued_at"),
            instant(rs, "retired_at"), rs.getString("trade_id"));

    private static final RowMapper<MarketViews.DueInterval> DUE = (rs, n) -> new MarketViews.DueInterval(
            rs.getString("community_id"), instant(rs, "interval_start"), instant(rs, "interval_end"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
