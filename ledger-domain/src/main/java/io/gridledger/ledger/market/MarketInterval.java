package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.OrderId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One community's order book for one delivery interval. Orders are taken until gate closure
 * ({@code intervalStart − gateClosureLead}), then frozen; clearing runs the {@link DoubleAuction}
 * over them once and records the trades. An order id is taken once (the same order again is
 * harmless, a different one under that id is refused), and an account either buys or sells in an
 * interval, never both.
 */
public class MarketInterval {

    /** What placing an order did: the order as booked (with its place in time priority) and whether it is new. */
    public record OrderOutcome(Order order, boolean placed) {
    }

    @AggregateIdentifier
    private String key;
    private CommunityId communityId;
    private Instant intervalStart;
    private MarketRules rules;
    private final Map<OrderId, Order> book = new LinkedHashMap<>();
    private final Map<OrderId, Order> everPlaced = new LinkedHashMap<>();
    private long nextSequence;
    private IntervalCleared clearing;
    private IntervalSettled settlement;

    protected MarketInterval() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrderOutcome handle(PlaceOrder command) {
        if (key == null) {
            Objects.requireNonNull(command.rules(), "rules");
            if (!command.rules().isIntervalStart(command.intervalStart())) {
                throw new InvalidMarketOrderException("intervalStart", "an interval starts on a whole "
                        + command.rules().intervalLength().toMinutes() + "-minute boundary, not " + command.intervalStart());
            }
            apply(new MarketIntervalOpened(command.communityId(), command.intervalStart(), command.rules()));
        }
        requireGateOpen(command.at());
        Order order = new Order(command.orderId(), command.meterId(), command.side(), command.energyWh(),
                command.limitPricePerKwh(), nextSequence);
        Order earlier = everPlaced.get(command.orderId());
        if (earlier != null) {
            if (sameTerms(earlier, order) && book.containsKey(command.orderId())) {
                return new OrderOutcome(earlier, false);
            }
            throw new InvalidMarketOrderException("orderId", "order '" + command.orderId()
                    + "' was already placed with other terms or cancelled; use a new order id");
        }
        boolean otherSide = book.values().stream()
                .anyMatch(o -> o.meterId().equals(command.meterId()) && o.side() != command.side());
        if (otherSide) {
            throw new InvalidMarketOrderException("side",
                    "an account buys or sells in an interval, not both; cancel its other order first");
        }
        apply(new OrderPlaced(communityId, intervalStart, order, command.at()));
        return new OrderOutcome(order, true);
    }

    @CommandHandler
    public void handle(CancelOrder command) {
        Order order = book.get(command.orderId());
        if (order == null || !order.meterId().equals(command.meterId())) {
            throw new InvalidMarketOrderException("orderId", "no open order '" + command.orderId()
                    + "' of meter '" + command.meterId() + "' in this interval");
        }
        requireGateOpen(command.at());
        apply(new OrderCancelled(communityId, intervalStart, command.orderId(), command.meterId(), command.at()));
    }

    @CommandHandler
    public IntervalCleared handle(ClearInterval command) {
        if (clearing != null) {
            return clearing;
        }
        if (command.at().isBefore(gateClosure())) {
            throw new InvalidMarketOrderException("at", "the interval can be cleared from gate closure on ("
                    + gateClosure() + ")");
        }
        Clearing result = DoubleAuction.clear(book.values());
        apply(new IntervalCleared(communityId, intervalStart, result.pricePerKwh(), result.matches(),
                result.volumeWh(), command.at()));
        return clearing;
    }

    /** Settles the cleared trades on the measurements ({@link IntervalSettlement}), once, from the interval's end on. */
    @CommandHandler
    public IntervalSettled handle(SettleInterval command) {
        if (settlement != null) {
            return settlement;
        }
        if (clearing == null) {
            throw new InvalidMarketOrderException("intervalStart", "the interval starting " + intervalStart
                    + " has not been cleared yet");
        }
        Instant end = intervalStart.plus(rules.intervalLength());
        if (command.at().isBefore(end)) {
            throw new InvalidMarketOrderException("at", "the interval can be settled from its end on (" + end + ")");
        }
        apply(IntervalSettlement.settle(communityId, intervalStart, rules, clearing, command.measurements(),
                command.at()));
        return settlement;
    }

    private void requireGateOpen(Instant at) {
        if (clearing != null || !at.isBefore(gateClosure())) {
            throw new GateClosedException(intervalStart, gateClosure());
        }
    }

    private Instant gateClosure() {
        return rules.gateClosureOf(intervalStart);
    }

    private static boolean sameTerms(Order a, Order b) {
        return a.meterId().equals(b.meterId()) && a.side() == b.side() && a.energyWh() == b.energyWh()
                && a.limitPricePerKwh().compareTo(b.limitPricePerKwh()) == 0;
    }

    @EventSourcingHandler
    void on(MarketIntervalOpened event) {
        key = MarketIntervalKey.of(event.communityId(), event.intervalStart());
        communityId = event.communityId();
        intervalStart = event.intervalStart();
        rules = event.rules();
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        book.put(event.order().id(), event.order());
        everPlaced.put(event.order().id(), event.order());
        nextSequence = Math.max(nextSequence, event.order().sequence() + 1);
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        book.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(IntervalCleared event) {
        clearing = event;
    }

    @EventSourcingHandler
    void on(IntervalSettled event) {
        settlement = event;
    }
}
