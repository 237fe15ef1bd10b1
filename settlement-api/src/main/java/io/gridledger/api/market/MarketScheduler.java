package io.gridledger.api.market;

import io.gridledger.ledger.account.SettleTrade;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.community.StandingOrder;
import io.gridledger.ledger.market.ClearInterval;
import io.gridledger.ledger.market.GateClosedException;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.market.MeasuredInterval;
import io.gridledger.ledger.market.PlaceOrder;
import io.gridledger.ledger.market.SettleInterval;
import io.gridledger.ledger.market.Side;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.OrderId;
import io.gridledger.projections.market.MarketQueries;
import io.gridledger.projections.market.MarketViews;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the market moving, on every node harmlessly (each step is idempotent):
 * <ol>
 *   <li>turns standing orders into orders for each community's next interval whose gate is open
 *       (one order per member and interval, sized from the member's last measured quarter hour);</li>
 *   <li>clears every book whose gate has closed;</li>
 *   <li>settles every cleared interval that has ended once the readings of all its traders cover it,
 *       or, after the deadline, with what has arrived (the missing side's trades as undelivered);</li>
 *   <li>books every settled trade on the buyer's and the seller's account ({@link SettleTrade}, one
 *       short transaction per side; the accounts ignore a repeat, and what a crash left unbooked is
 *       booked on the next run).</li>
 * </ol>
 */
@Component
public class MarketScheduler {

    private static final Logger log = LoggerFactory.getLogger(MarketScheduler.class);
    private static final int BATCH = 2_000;

    private final MarketQueries market;
    private final CommandGateway commands;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Duration deadline;
    private final int bookingThreads;

    public MarketScheduler(MarketQueries market, CommandGateway commands, Clock clock, MeterRegistry metrics,
                           @Value("${gridledger.market.settlement-deadline}") Duration deadline,
                           @Value("${gridledger.market.booking-threads}") int bookingThreads) {
        this.market = market;
        this.commands = commands;
        this.clock = clock;
        this.metrics = metrics;
        this.deadline = deadline;
        this.bookingThreads = bookingThreads;
    }

    @Scheduled(fixedDelayString = "${gridledger.market.interval}", initialDelayString = "${gridledger.market.interval}")
    public void run() {
        runOnce(clock.instant());
    }

    /** One pass of all four steps as of {@code now}. */
    public void runOnce(Instant now) {
        placeStandingOrders(now);
        clearClosedBooks(now);
        settleEndedIntervals(now);
        bookSettledTrades(now);
    }

    /** @return the orders placed */
    public int placeStandingOrders(Instant now) {
        int placed = 0;
        for (MarketViews.Community community : market.communities()) {
            MarketRules rules = rules(community);
            Instant next = rules.intervalContaining(now.plus(rules.gateClosureLead()));
            if (!rules.gateClosureOf(next).isAfter(now)) {
                next = next.plus(rules.intervalLength());
            }
            for (MarketViews.Member member : market.members(community.communityId())) {
                if (member.standingOrder() != null && place(community, rules, member, next, now)) {
                    placed++;
                }
            }
        }
        metrics.counter("gridledger.market.standing_orders_placed").increment(placed);
        return placed;
    }

    private boolean place(MarketViews.Community community, MarketRules rules, MarketViews.Member member,
                          Instant start, Instant now) {
        OrderId orderId = standingOrderId(member.meterId(), start);
        // placed already, or the member placed an order of its own for the interval: that one counts
        if (market.hasOrderIn(community.communityId(), start, member.meterId())) {
            return false;
        }
        MarketViews.StandingOrder view = member.standingOrder();
        StandingOrder standing = new StandingOrder(Side.valueOf(view.side()), view.limitPricePerKwh(),
                view.maxWhPerInterval(), view.maxWhPerDay());
        Optional<long[]> rate = market.latestRate(member.meterId(), now, rules.intervalLength());
        Long forecast = rate.map(r -> standing.side() == Side.SELL ? r[1] : r[0]).orElse(null);
        ZoneId zone = market.timezoneOf(member.meterId()).orElse(ZoneOffset.UTC);
        Instant dayStart = start.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        Instant dayEnd = start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        long matchedToday = market.matchedWh(member.meterId(), dayStart, start);
        int intervalsLeft = (int) Duration.between(start, dayEnd).dividedBy(rules.intervalLength());
        long wh = standing.energyFor(forecast, matchedToday, intervalsLeft);
        if (wh <= 0) {
            return false;
        }
        try {
            commands.sendAndWait(new PlaceOrder(new CommunityId(community.communityId()), start, rules, orderId,
                    new MeterId(member.meterId()), standing.side(), wh, standing.limitPricePerKwh(), now));
            return true;
        } catch (GateClosedException e) {
            return false;
        } catch (RuntimeException e) {
            log.warn("event=standing_order_not_placed meter={} interval={} reason=\"{}\" action=\"retried on the next "
                    + "run until the gate closes\"", member.meterId(), start, e.getMessage());
            return false;
        }
    }

    /** A standing order's id in an interval: the same on every node and every run, so it is placed once. */
    static OrderId standingOrderId(String meterId, Instant start) {
        String id = "so-" + start.getEpochSecond() / 60 + "-" + meterId;
        if (id.length() <= 64) {
            return new OrderId(id);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(meterId.getBytes(StandardCharsets.UTF_8));
            return new OrderId("so-" + start.getEpochSecond() / 60 + "-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the books cleared */
    public int clearClosedBooks(Instant now) {
        int cleared = 0;
        for (MarketViews.DueInterval due : market.gateClosedBy(now, BATCH)) {
            try {
                commands.sendAndWait(new ClearInterval(new CommunityId(due.communityId()), due.intervalStart(), now));
                cleared++;
            } catch (RuntimeException e) {
                log.warn("event=clearing_failed community={} interval={} reason=\"{}\" action=\"retried on the next run\"",
                        due.communityId(), due.intervalStart(), e.getMessage());
            }
        }
        metrics.counter("gridledger.market.intervals_cleared").increment(cleared);
        return cleared;
    }

    /** @return the intervals settled */
    public int settleEndedIntervals(Instant now) {
        int settled = 0;
        Map<String, MarketViews.Community> communities = new HashMap<>();
        for (MarketViews.DueInterval due : market.endedAndCleared(now, BATCH)) {
            MarketViews.Community community = communities.computeIfAbsent(due.communityId(),
                    id -> market.community(id).orElseThrow());
            Currency currency = Currency.getInstance(community.currency());
            Set<String> traders = new LinkedHashSet<>(market.participants(due.communityId(), due.intervalStart()));
            Set<String> measured = new LinkedHashSet<>(traders);
            if (community.certifyExport()) {
                market.members(due.communityId()).forEach(m -> measured.add(m.meterId()));
            }
            List<MeasuredInterval> measurements = new ArrayList<>();
            boolean tradersComplete = true;
            for (String meter : measured) {
                Optional<MeasuredInterval> m = market.measured(meter, due.intervalStart(), due.intervalEnd(), currency);
                m.ifPresent(measurements::add);
                tradersComplete &= m.isPresent() || !traders.contains(meter);
            }
            boolean late = !now.isBefore(due.intervalEnd().plus(deadline));
            if (!tradersComplete && !late) {
                continue;
            }
            try {
                commands.sendAndWait(new SettleInterval(new CommunityId(due.communityId()), due.intervalStart(),
                        measurements, now));
                settled++;
                if (!tradersComplete) {
                    metrics.counter("gridledger.market.settled_without_readings").increment();
                    log.warn("event=interval_settled_without_readings community={} interval={} deadline={} "
                                    + "action=\"the traders without readings are listed in the interval's 'unmeasured'\"",
                            due.communityId(), due.intervalStart(), deadline);
                }
            } catch (RuntimeException e) {
                log.warn("event=settlement_failed community={} interval={} reason=\"{}\" action=\"retried on the next run\"",
                        due.communityId(), due.intervalStart(), e.getMessage());
            }
        }
        metrics.counter("gridledger.market.intervals_settled").increment(settled);
        return settled;
    }

    /**
     * Books the sides of settled trades not yet booked, on {@code booking-threads} threads; the sides of
     * one account always go to the same thread, so an account is never changed by two at once.
     *
     * @return the trade sides booked
     */
    public int bookSettledTrades(Instant now) {
        List<MarketViews.UnbookedTrade> trades = market.unbookedTrades(BATCH * 10);
        if (trades.isEmpty()) {
            return 0;
        }
        List<List<SettleTrade>> lanes = new ArrayList<>();
        for (int i = 0; i < bookingThreads; i++) {
            lanes.add(new ArrayList<>());
        }
        for (MarketViews.UnbookedTrade t : trades) {
            Currency currency = Currency.getInstance(t.currency());
            if (!t.buyerBooked()) {
                lane(lanes, t.buyerMeterId()).add(new SettleTrade(new MeterId(t.buyerMeterId()), t.tradeId(),
                        TradeRole.BUYER, t.intervalStart(), t.intervalEnd(), t.matchedWh(), t.deliveredWh(),
                        money(t.value(), currency), money(t.buyerPays(), currency),
                        money(t.buyerTariffRefund(), currency), 0, Money.zero(currency), now));
            }
            if (!t.sellerBooked()) {
                lane(lanes, t.sellerMeterId()).add(new SettleTrade(new MeterId(t.sellerMeterId()), t.tradeId(),
                        TradeRole.SELLER, t.intervalStart(), t.intervalEnd(), t.matchedWh(), t.deliveredWh(),
                        money(t.value(), currency), money(t.sellerReceives(), currency),
                        money(t.sellerExportReversal(), currency), t.sellerBankWithdrawnWh(),
                        money(t.imbalanceCharge(), currency), now));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(bookingThreads, r -> new Thread(r, "market-booking"));
        AtomicInteger booked = new AtomicInteger();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<SettleTrade> lane : lanes) {
                running.add(pool.submit(() -> lane.forEach(side -> {
                    try {
                        commands.sendAndWait(side);
                        booked.incrementAndGet();
                    } catch (RuntimeException e) {
                        log.warn("event=trade_not_booked trade={} meter={} role={} reason=\"{}\" "
                                + "action=\"retried on the next run\"", side.tradeId(), side.meterId(), side.role(),
                                e.getMessage());
                    }
                })));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        metrics.counter("gridledger.market.trade_sides_booked").increment(booked.get());
        return booked.get();
    }

    private static List<SettleTrade> lane(List<List<SettleTrade>> lanes, String meterId) {
        return lanes.get(Math.floorMod(meterId.hashCode(), lanes.size()));
    }

    private static Money money(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    static MarketRules rules(MarketViews.Community c) {
        return new MarketRules(Currency.getInstance(c.currency()), Duration.ofMinutes(c.intervalMinutes()),
                Duration.ofMinutes(c.gateClosureMinutes()), c.gridFeePerKwh(), c.platformFeePerKwh(),
                c.imbalanceChargePerKwh(), c.certifyExport());
    }
}
