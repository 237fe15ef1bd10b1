package io.gridledger.api.market;

import io.gridledger.api.audit.Audited;
import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.ConflictException;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotAcceptableException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.api.report.Csv;
import io.gridledger.api.report.ReportFormat;
import io.gridledger.api.security.AccessRules;
import io.gridledger.api.security.Caller;
import io.gridledger.api.security.Role;
import io.gridledger.ledger.community.CancelStandingOrder;
import io.gridledger.ledger.community.DefineCommunity;
import io.gridledger.ledger.community.JoinCommunity;
import io.gridledger.ledger.community.LeaveCommunity;
import io.gridledger.ledger.community.SetStandingOrder;
import io.gridledger.ledger.community.StandingOrder;
import io.gridledger.ledger.market.CancelOrder;
import io.gridledger.ledger.market.MarketInterval;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.market.PlaceOrder;
import io.gridledger.ledger.market.PricePerKwh;
import io.gridledger.ledger.market.Side;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.market.MarketQueries;
import io.gridledger.projections.market.MarketViews;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Peer-to-peer trading: communities and their members, orders and standing orders, an interval's
 * order book and clearing, a meter's trades and certificates, and a community's certificate export.
 * Clearing and settlement are the {@link MarketScheduler}'s; this controller takes and shows.
 */
@RestController
public class MarketController {

    /** Trades and certificates are listed a month at a time unless asked otherwise. */
    private static final Duration DEFAULT_RANGE = Duration.ofDays(31);
    private static final Duration MAX_RANGE = Duration.ofDays(366);

    private final CommandGateway commands;
    private final MarketQueries market;
    private final BalanceQueries balances;
    private final AccessRules access;
    private final Clock clock;

    public MarketController(CommandGateway commands, MarketQueries market, BalanceQueries balances,
                            AccessRules access, Clock clock) {
        this.commands = commands;
        this.market = market;
        this.balances = balances;
        this.access = access;
        this.clock = clock;
    }

    // ---- communities and members -------------------------------------------------------------

    @PutMapping("/api/v1/market/communities/{communityId}")
    @Audited("COMMUNITY_CHANGE")
    public ResponseEntity<MarketViews.Community> defineCommunity(@PathVariable String communityId,
                                                                 @RequestBody MarketRequests.CommunityRequest body) {
        CommunityId id = Fields.value(communityId, "communityId", CommunityId::new);
        Fields.required(body, "body");
        String name = Fields.text(Fields.required(body.name(), "name"), "name", 120);
        MarketRules rules = new MarketRules(Fields.currency(body.currency(), "currency"),
                Duration.ofMinutes(intervalMinutes(body.intervalMinutes())),
                Duration.ofMinutes(gateClosureMinutes(body.gateClosureMinutes())),
                fee(body.gridFeePerKwh(), "gridFeePerKwh"), fee(body.platformFeePerKwh(), "platformFeePerKwh"),
                fee(body.imbalanceChargePerKwh(), "imbalanceChargePerKwh"), Boolean.TRUE.equals(body.certifyExport()));
        boolean created = commands.sendAndWait(new DefineCommunity(id, Caller.current().requireRetailer(), name, rules,
                clock.instant()));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(community(communityId));
    }

    @GetMapping("/api/v1/market/communities/{communityId}")
    public MarketViews.Community getCommunity(@PathVariable String communityId) {
        return community(communityId);
    }

    @GetMapping("/api/v1/market/communities/{communityId}/members")
    public List<MarketViews.Member> members(@PathVariable String communityId) {
        community(communityId);
        return market.members(communityId);
    }

    @PutMapping("/api/v1/market/communities/{communityId}/members/{meterId}")
    @Audited("COMMUNITY_JOIN")
    public ResponseEntity<MarketViews.Member> join(@PathVariable String communityId, @PathVariable String meterId) {
        MarketViews.Community community = community(communityId);
        MeterId meter = Fields.value(meterId, "meterId", MeterId::new);
        var account = balances.findBalance(meterId)
                .orElseThrow(() -> new NotFoundException("meterId", "no meter account '" + meterId + "'"));
        String accountRetailer = balances.findTenancy(meterId).map(BalanceQueries.AccountTenancy::retailerId)
                .orElse(null);
        if (!community.retailerId().equals(accountRetailer)) {
            throw new ConflictException("community-of-another-retailer", "Community of another retailer", "communityId",
                    "meter '" + meterId + "' is supplied by another retailer than community '" + communityId + "'");
        }
        if (!community.currency().equals(account.currency())) {
            throw new ConflictException("currency-mismatch", "Currency mismatch", "communityId", "community '"
                    + communityId + "' trades in " + community.currency() + ", the account is kept in "
                    + account.currency());
        }
        boolean joined = commands.sendAndWait(new JoinCommunity(meter, new CommunityId(communityId), clock.instant()));
        return ResponseEntity.status(joined ? HttpStatus.CREATED : HttpStatus.OK)
                .body(market.membership(meterId).orElseThrow());
    }

    @DeleteMapping("/api/v1/market/communities/{communityId}/members/{meterId}")
    @Audited("COMMUNITY_LEAVE")
    public ResponseEntity<Void> leave(@PathVariable String communityId, @PathVariable String meterId) {
        community(communityId);
        Fields.value(meterId, "meterId", MeterId::new);
        MarketViews.Member member = memberOf(meterId);
        if (!member.communityId().equals(communityId)) {
            throw new NotFoundException("meterId", "meter '" + meterId + "' is not a member of '" + communityId + "'");
        }
        commands.sendAndWait(new LeaveCommunity(new MeterId(meterId), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    // ---- standing orders ----------------------------------------------------------------------

    @PutMapping("/api/v1/market/standing-orders/{meterId}")
    public MarketViews.Member setStandingOrder(@PathVariable String meterId,
                                               @RequestBody MarketRequests.StandingOrderRequest body) {
        MeterId meter = Fields.value(meterId, "meterId", MeterId::new);
        Fields.required(body, "body");
        StandingOrder order = new StandingOrder(Fields.choice(body.side(), Side.class, "side"),
                price(body.limitPricePerKwh(), "limitPricePerKwh"), body.maxWhPerInterval(), body.maxWhPerDay());
        memberOf(meterId);
        commands.sendAndWait(new SetStandingOrder(meter, order, clock.instant()));
        return market.membership(meterId).orElseThrow();
    }

    @GetMapping("/api/v1/market/standing-orders/{meterId}")
    public MarketViews.StandingOrder getStandingOrder(@PathVariable String meterId) {
        Fields.value(meterId, "meterId", MeterId::new);
        MarketViews.StandingOrder order = memberOf(meterId).standingOrder();
        if (order == null) {
            throw new NotFoundException("meterId", "meter '" + meterId + "' has no standing order");
        }
        return order;
    }

    @DeleteMapping("/api/v1/market/standing-orders/{meterId}")
    public ResponseEntity<Void> cancelStandingOrder(@PathVariable String meterId) {
        MeterId meter = Fields.value(meterId, "meterId", MeterId::new);
        memberOf(meterId);
        commands.sendAndWait(new CancelStandingOrder(meter, clock.instant()));
        return ResponseEntity.noContent().build();
    }

    // ---- orders -----------------------------------------------------------------------------

    @PostMapping("/api/v1/market/orders")
    public ResponseEntity<MarketViews.Order> placeOrder(@RequestBody MarketRequests.OrderRequest body) {
        Fields.required(body, "body");
        MeterId meter = Fields.value(body.meterId(), "meterId", MeterId::new);
        if (!access.mayReachMeter(Caller.current(), meter.value(), Role.CONSUMER, Role.OPERATOR)) {
            throw new AccessDeniedException("meter " + meter + " is not the caller's");
        }
        OrderId orderId = body.orderId() == null ? new OrderId(UUID.randomUUID().toString())
                : Fields.value(body.orderId(), "orderId", OrderId::new);
        Side side = Fields.choice(body.side(), Side.class, "side");
        Instant start = Fields.instant(body.intervalStart(), "intervalStart");
        long wh = energy(body);
        BigDecimal limit = limitPrice(body, side);
        MarketViews.Member member = memberOf(meter.value());
        if (body.communityId() != null && !body.communityId().equals(member.communityId())) {
            throw new InvalidRequestException("communityId", "meter '" + meter + "' trades in community '"
                    + member.communityId() + "', not '" + body.communityId() + "'");
        }
        MarketRules rules = rulesOf(member.communityId());
        for (MarketViews.Order earlier : market.ordersWithId(orderId.value())) {
            if (!earlier.communityId().equals(member.communityId()) || !earlier.intervalStart().equals(start)) {
                throw new ConflictException("order-id-taken", "Order id already used", "orderId", "order id '"
                        + orderId + "' is taken by an order for " + earlier.intervalStart() + "; use a new one");
            }
        }
        MarketInterval.OrderOutcome outcome = commands.sendAndWait(new PlaceOrder(new CommunityId(member.communityId()),
                start, rules, orderId, meter, side, wh, limit, clock.instant()));
        MarketViews.Order placed = market.ordersWithId(orderId.value()).stream()
                .filter(o -> o.intervalStart().equals(start)).findFirst().orElseThrow();
        return ResponseEntity.status(outcome.placed() ? HttpStatus.CREATED : HttpStatus.OK).body(placed);
    }

    @DeleteMapping("/api/v1/market/orders/{orderId}")
    public ResponseEntity<Void> cancelOrder(@PathVariable String orderId) {
        Fields.value(orderId, "orderId", OrderId::new);
        MarketViews.Order order = market.ordersWithId(orderId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("orderId", "no order '" + orderId + "'"));
        if (!access.mayReachMeter(Caller.current(), order.meterId(), Role.CONSUMER, Role.OPERATOR)) {
            // another's order is not there, as far as the caller can tell
            throw new NotFoundException("orderId", "no order '" + orderId + "'");
        }
        if ("CANCELLED".equals(order.status())) {
            return ResponseEntity.noContent().build();
        }
        commands.sendAndWait(new CancelOrder(new CommunityId(order.communityId()), order.intervalStart(),
                new OrderId(orderId), new MeterId(order.meterId()), clock.instant()));
        return ResponseEntity.noContent().build();
    }

    // ---- books, trades and certificates -------------------------------------------------------

    /**
     * The interval's order book, clearing price, volume and trades (with their settlement once
     * settled). Consumers see the price and volume, and of the book and trades only their own.
     */
    @GetMapping("/api/v1/market/communities/{communityId}/intervals/{start}")
    public MarketViews.Interval interval(@PathVariable String communityId, @PathVariable String start) {
        community(communityId);
        Instant at = Fields.instant(start, "start");
        MarketViews.Interval interval = market.interval(communityId, at).orElseThrow(() -> new NotFoundException(
                "start", "community '" + communityId + "' has no orders for the interval starting " + at));
        Caller caller = Caller.current();
        if (caller.has(Role.OPERATOR) || caller.has(Role.REGULATOR) || caller.has(Role.ADMIN)) {
            return interval;
        }
        Map<String, Boolean> reaches = new HashMap<>();
        Predicate<String> ownMeter = meter -> reaches.computeIfAbsent(meter,
                m -> access.mayReachMeter(caller, m, Role.CONSUMER));
        List<MarketViews.Order> own = interval.orders().stream().filter(o -> ownMeter.test(o.meterId())).toList();
        List<MarketViews.Trade> ownTrades = interval.trades().stream()
                .filter(t -> ownMeter.test(t.buyerMeterId()) || ownMeter.test(t.sellerMeterId())).toList();
        return new MarketViews.Interval(interval.communityId(), interval.intervalStart(), interval.intervalEnd(),
                interval.gateClosureAt(), interval.currency(), interval.status(), interval.clearingPricePerKwh(),
                interval.volumeWh(), interval.tradeCount(), interval.deliveredWh(), List.of(), interval.clearedAt(),
                interval.settledAt(), own, ownTrades);
    }

    @GetMapping("/api/v1/meters/{meterId}/trades")
    public List<MarketViews.Trade> trades(@PathVariable String meterId, @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to) {
        Fields.value(meterId, "meterId", MeterId::new);
        Instant[] range = range(from, to);
        return market.trades(meterId, range[0], range[1]);
    }

    @GetMapping("/api/v1/meters/{meterId}/certificates")
    public List<MarketViews.Certificate> certificates(@PathVariable String meterId,
                                                      @RequestParam(required = false) String from,
                                                      @RequestParam(required = false) String to) {
        Fields.value(meterId, "meterId", MeterId::new);
        Instant[] range = range(from, to);
        return market.certificatesOf(meterId, range[0], range[1]);
    }

    /**
     * The community's certificates for an attribute-tracking registry, as JSON or CSV: the fields of a
     * guarantee of origin (EN 16325) — id, source meter, technology, production period, volume,
     * issue date, holder, cancellation date and whom it was cancelled for.
     */
    @GetMapping("/api/v1/market/communities/{communityId}/certificates")
    public ResponseEntity<?> certificateExport(@PathVariable String communityId,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        MarketViews.Community community = community(communityId);
        Instant[] range = range(from, to);
        ReportFormat format = ReportFormat.negotiate(accept);
        List<MarketViews.Certificate> certificates = market.certificatesOfRetailer(community.retailerId(), range[0],
                range[1]).stream().filter(c -> c.communityId().equals(communityId)).toList();
        if (format != ReportFormat.CSV) {
            if (format == ReportFormat.PDF) {
                throw new NotAcceptableException(
                        "the certificate export is offered as application/json or text/csv");
            }
            return ResponseEntity.ok(certificates);
        }
        Csv csv = new Csv("certificate_id", "energy_source", "technology", "production_device", "community",
                "production_start", "production_end", "volume_wh", "issue_date", "holder", "status",
                "cancellation_date", "cancelled_for", "trade_id");
        for (MarketViews.Certificate c : certificates) {
            csv.row(c.certificateId(), "SOLAR", c.technology(), c.sourceMeterId(), c.communityId(), c.periodStart(),
                    c.periodEnd(), c.wh(), c.issuedAt(), c.ownerMeterId(), c.status(), c.retiredAt(),
                    "RETIRED".equals(c.status()) ? c.ownerMeterId() : null, c.tradeId());
        }
        return ResponseEntity.ok().contentType(format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificates-" + communityId + ".csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private MarketViews.Community community(String communityId) {
        Fields.value(communityId, "communityId", CommunityId::new);
        return market.community(communityId).orElseThrow(() -> new NotFoundException("communityId",
                "no trading community '" + communityId + "'"));
    }

    private MarketViews.Member memberOf(String meterId) {
        return market.membership(meterId).orElseThrow(() -> new ConflictException("not-a-member",
                "Not in a trading community", "meterId", "meter '" + meterId
                + "' is not in a trading community; join one with PUT /api/v1/market/communities/{id}/members/"
                + meterId));
    }

    private MarketRules rulesOf(String communityId) {
        return MarketScheduler.rules(community(communityId));
    }

    private static int intervalMinutes(Integer minutes) {
        if (minutes == null) {
            return (int) MarketRules.DEFAULT_INTERVAL.toMinutes();
        }
        if (minutes <= 0 || 60 % minutes != 0) {
            throw new InvalidRequestException("intervalMinutes", "an interval is a whole number of minutes that "
                    + "divides an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)");
        }
        return minutes;
    }

    private static int gateClosureMinutes(Integer minutes) {
        if (minutes == null) {
            return (int) MarketRules.DEFAULT_GATE_CLOSURE.toMinutes();
        }
        if (minutes < 0 || minutes > 1_440) {
            throw new InvalidRequestException("gateClosureMinutes", "gate closure is 0 to 1440 minutes before an interval");
        }
        return minutes;
    }

    private static BigDecimal fee(String raw, String field) {
        return raw == null ? BigDecimal.ZERO : price(raw, field);
    }

    private static BigDecimal price(String raw, String field) {
        return PricePerKwh.require(Fields.decimal(raw, field), field);
    }

    private static long energy(MarketRequests.OrderRequest body) {
        if (body.energyWh() != null && body.energyKwh() != null) {
            throw new InvalidRequestException("energyWh", "give energyWh or energyKwh, not both");
        }
        long wh;
        if (body.energyKwh() != null) {
            BigDecimal kwh = Fields.decimal(body.energyKwh(), "energyKwh");
            if (kwh.stripTrailingZeros().scale() > 3) {
                throw new InvalidRequestException("energyKwh", "energy is whole Wh: at most 3 decimals of kWh");
            }
            if (kwh.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw new InvalidRequestException("energyKwh", "at most 1,000,000 kWh in one order");
            }
            wh = kwh.movePointRight(3).longValueExact();
            if (wh <= 0) {
                throw new InvalidRequestException("energyKwh", "an order is for a positive amount of energy");
            }
        } else {
            wh = Fields.required(body.energyWh(), "energyWh");
            if (wh <= 0 || wh > 1_000_000_000L) {
                throw new InvalidRequestException("energyWh", "an order is for 1 to 1,000,000,000 Wh");
            }
        }
        return wh;
    }

    private static BigDecimal limitPrice(MarketRequests.OrderRequest body, Side side) {
        String alias = side == Side.BUY ? body.maxPricePerKwh() : body.minPricePerKwh();
        String otherAlias = side == Side.BUY ? body.minPricePerKwh() : body.maxPricePerKwh();
        if (otherAlias != null) {
            throw new InvalidRequestException(side == Side.BUY ? "minPricePerKwh" : "maxPricePerKwh",
                    "a " + side + " order has a " + (side == Side.BUY ? "maximum" : "minimum") + " price");
        }
        if (alias != null && body.limitPricePerKwh() != null) {
            throw new InvalidRequestException("limitPricePerKwh", "give the limit price once");
        }
        String raw = alias != null ? alias : body.limitPricePerKwh();
        return price(raw, alias != null ? (side == Side.BUY ? "maxPricePerKwh" : "minPricePerKwh") : "limitPricePerKwh");
    }

    private Instant[] range(String from, String to) {
        Instant end = to == null ? clock.instant().plus(Duration.ofDays(1)) : Fields.instant(to, "to");
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : Fields.instant(from, "from");
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidRequestException("to", "at most 366 days at a time");
        }
        return new Instant[]{start, end};
    }
}
