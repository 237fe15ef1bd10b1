package io.gridledger.projections.market;

import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.community.CommunityDefined;
import io.gridledger.ledger.community.CommunityJoined;
import io.gridledger.ledger.community.CommunityLeft;
import io.gridledger.ledger.community.StandingOrderCancelled;
import io.gridledger.ledger.community.StandingOrderSet;
import io.gridledger.ledger.market.GreenCertificate;
import io.gridledger.ledger.market.IntervalCleared;
import io.gridledger.ledger.market.IntervalSettled;
import io.gridledger.ledger.market.MarketIntervalKey;
import io.gridledger.ledger.market.MarketIntervalOpened;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.market.Match;
import io.gridledger.ledger.market.OrderCancelled;
import io.gridledger.ledger.market.OrderPlaced;
import io.gridledger.ledger.market.TradeSettlement;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps the market's read models: communities and members, order books, trades (and which of their
 * sides are booked on the accounts) and the certificate registry.
 */
@Component
@ProcessingGroup(ProcessingGroups.MARKET_VIEWS)
public class MarketProjector {

    private final JdbcTemplate jdbc;

    public MarketProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CommunityDefined e) {
        MarketRules r = e.rules();
        jdbc.update("""
                INSERT INTO trading_community (community_id, retailer_id, name, currency, interval_minutes,
                    gate_closure_minutes, grid_fee_per_kwh, platform_fee_per_kwh, imbalance_charge_per_kwh,
                    certify_export, defined_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (community_id) DO UPDATE SET name = EXCLUDED.name,
                    interval_minutes = EXCLUDED.interval_minutes, gate_closure_minutes = EXCLUDED.gate_closure_minutes,
                    grid_fee_per_kwh = EXCLUDED.grid_fee_per_kwh, platform_fee_per_kwh = EXCLUDED.platform_fee_per_kwh,
                    imbalance_charge_per_kwh = EXCLUDED.imbalance_charge_per_kwh,
                    certify_export = EXCLUDED.certify_export, updated_at = EXCLUDED.updated_at""",
                e.communityId().value(), e.retailerId().value(), e.name(), r.currency().getCurrencyCode(),
                (int) r.intervalLength().toMinutes(), (int) r.gateClosureLead().toMinutes(), r.gridFeePerKwh(),
                r.platformFeePerKwh(), r.imbalanceChargePerKwh(), r.certifyExport(), ts(e.at()), ts(e.at()));
    }

    @EventHandler
    void on(CommunityJoined e) {
        jdbc.update("INSERT INTO community_member (meter_id, community_id, joined_at) VALUES (?, ?, ?)",
                e.meterId().value(), e.communityId().value(), ts(e.at()));
    }

    @EventHandler
    void on(CommunityLeft e) {
        jdbc.update("DELETE FROM community_member WHERE meter_id = ?", e.meterId().value());
    }

    @EventHandler
    void on(StandingOrderSet e) {
        jdbc.update("""
                UPDATE community_member SET standing_side = ?, standing_limit_price_per_kwh = ?,
                    standing_max_wh_per_interval = ?, standing_max_wh_per_day = ?, standing_set_at = ?
                WHERE meter_id = ?""",
                e.order().side().name(), e.order().limitPricePerKwh(), e.order().maxWhPerInterval(),
                e.order().maxWhPerDay(), ts(e.at()), e.meterId().value());
    }

    @EventHandler
    void on(StandingOrderCancelled e) {
        jdbc.update("""
                UPDATE community_member SET standing_side = NULL, standing_limit_price_per_kwh = NULL,
                    standing_max_wh_per_interval = NULL, standing_max_wh_per_day = NULL, standing_set_at = NULL
                WHERE meter_id = ?""", e.meterId().value());
    }

    @EventHandler
    void on(MarketIntervalOpened e) {
        MarketRules r = e.rules();
        jdbc.update("""
                INSERT INTO market_interval (community_id, interval_start, interval_end, gate_closure_at, currency, status)
                VALUES (?, ?, ?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING""",
                e.communityId().value(), ts(e.intervalStart()), ts(e.intervalStart().plus(r.intervalLength())),
                ts(r.gateClosureOf(e.intervalStart())), r.currency().getCurrencyCode());
    }

    @EventHandler
    void on(OrderPlaced e) {
        var o = e.order();
        jdbc.update("""
                INSERT INTO market_order (community_id, interval_start, order_id, meter_id, side, energy_wh,
                    limit_price_per_kwh, sequence_no, status, placed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT DO NOTHING""",
                e.communityId().value(), ts(e.intervalStart()), o.id().value(), o.meterId().value(), o.side().name(),
                o.energyWh(), o.limitPricePerKwh(), o.sequence(), ts(e.at()));
    }

    @EventHandler
    void on(OrderCancelled e) {
        jdbc.update("""
                UPDATE market_order SET status = 'CANCELLED', cancelled_at = ?
                WHERE community_id = ? AND interval_start = ? AND order_id = ?""",
                ts(e.at()), e.communityId().value(), ts(e.intervalStart()), e.orderId().value());
    }

    @EventHandler
    void on(IntervalCleared e) {
        String community = e.communityId().value();
        Timestamp start = ts(e.intervalStart());
        Map<String, Object> opened = jdbc.queryForMap(
                "SELECT currency, interval_end FROM market_interval WHERE community_id = ? AND interval_start = ?",
                community, start);
        String currency = (String) opened.get("currency");
        Timestamp end = (Timestamp) opened.get("interval_end");
        jdbc.update("""
                UPDATE market_interval SET status = 'CLEARED', clearing_price = ?, volume_wh = ?, trade_count = ?,
                    cleared_at = ?
                WHERE community_id = ? AND interval_start = ?""",
                e.pricePerKwh(), e.volumeWh(), e.matches().size(), ts(e.at()), community, start);
        Map<String, Long> matched = new HashMap<>();
        List<Object[]> trades = new ArrayList<>();
        for (int i = 0; i < e.matches().size(); i++) {
            Match m = e.matches().get(i);
            matched.merge(m.buyOrder().value(), m.energyWh(), Long::sum);
            matched.merge(m.sellOrder().value(), m.energyWh(), Long::sum);
            trades.add(new Object[]{MarketIntervalKey.tradeId(e.communityId(), e.intervalStart(), i + 1), community,
                    start, end, currency, m.buyer().value(), m.seller().value(), m.buyOrder().value(),
                    m.sellOrder().value(), e.pricePerKwh(), m.energyWh()});
        }
        jdbc.batchUpdate("""
                INSERT INTO market_trade (trade_id, community_id, interval_start, interval_end, currency, buyer_meter_id,
                    seller_meter_id, buy_order_id, sell_order_id, price_per_kwh, matched_wh, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'MATCHED') ON CONFLICT DO NOTHING""", trades);
        jdbc.update("UPDATE market_order SET status = 'CLEARED' WHERE community_id = ? AND interval_start = ? "
                + "AND status = 'OPEN'", community, start);
        jdbc.batchUpdate("UPDATE market_order SET matched_wh = ? WHERE community_id = ? AND interval_start = ? "
                + "AND order_id = ?", matched.entrySet().stream()
                .map(m -> new Object[]{m.getValue(), community, start, m.getKey()}).toList());
    }

    @EventHandler
    void on(IntervalSettled e) {
        String community = e.communityId().value();
        Timestamp start = ts(e.intervalStart());
        long delivered = e.trades().stream().mapToLong(TradeSettlement::deliveredWh).sum();
        jdbc.update("""
                UPDATE market_interval SET status = 'SETTLED', delivered_wh = ?, unmeasured = ?, settled_at = ?
                WHERE community_id = ? AND interval_start = ?""",
                delivered, e.unmeasured().isEmpty() ? null
                        : e.unmeasured().stream().map(MeterId::value).collect(Collectors.joining(",")),
                ts(e.at()), community, start);
        jdbc.batchUpdate("""
                UPDATE market_trade SET status = 'SETTLED', delivered_wh = ?, seller_short_wh = ?, value = ?,
                    grid_fee = ?, platform_fee = ?, buyer_pays = ?, seller_receives = ?, buyer_tariff_refund = ?,
                    seller_export_reversal = ?, seller_bank_withdrawn_wh = ?, imbalance_charge = ?,
                    readings_missing = ?, settled_at = ?
                WHERE trade_id = ?""", e.trades().stream().map(t -> new Object[]{
                t.deliveredWh(), t.sellerShortWh(), t.amounts().value().amount(), t.amounts().gridFee().amount(),
                t.amounts().platformFee().amount(), t.amounts().buyerPays().amount(),
                t.amounts().sellerReceives().amount(), t.buyerTariffRefund().amount(),
                t.sellerExportReversal().amount(), t.sellerBankWithdrawnWh(), t.imbalanceCharge().amount(),
                t.readingsMissing(), ts(e.at()), t.tradeId()}).toList());
        jdbc.batchUpdate("""
                INSERT INTO green_certificate (certificate_id, community_id, source_meter_id, technology, period_start,
                    period_end, wh, owner_meter_id, status, issued_at, retired_at, trade_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.certificates().stream().map(c -> certificateRow(community, c)).toList());
    }

    /** A side of a trade was booked on its account: the scheduler need not book it again. */
    @EventHandler
    void on(TradeSettled e) {
        jdbc.update(e.role() == TradeRole.BUYER
                        ? "UPDATE market_trade SET buyer_booked_at = ? WHERE trade_id = ?"
                        : "UPDATE market_trade SET seller_booked_at = ? WHERE trade_id = ?",
                ts(e.at()), e.tradeId());
    }

    private static Object[] certificateRow(String community, GreenCertificate c) {
        return new Object[]{c.certificateId(), community, c.sourceMeter().value(), c.technology(),
                ts(c.periodStart()), ts(c.periodEnd()), c.wh(), c.owner().value(), c.status().name(),
                ts(c.issuedAt()), ts(c.retiredAt()), c.tradeId()};
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
