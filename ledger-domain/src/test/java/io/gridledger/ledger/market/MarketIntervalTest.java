package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static org.assertj.core.api.Assertions.assertThat;

class MarketIntervalTest {

    static final CommunityId PARK = new CommunityId("solar-park");
    static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    static final Instant BEFORE_GATE = Instant.parse("2026-06-01T09:50:00Z");
    static final Instant AT_GATE = Instant.parse("2026-06-01T09:55:00Z");
    static final MarketRules RULES = new MarketRules(Currency.getInstance("EUR"), MarketRules.DEFAULT_INTERVAL,
            MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.0350"), new BigDecimal("0.0040"));

    private FixtureConfiguration<MarketInterval> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MarketInterval.class);
    }

    static PlaceOrder place(String orderId, String meter, Side side, long wh, String price, Instant at) {
        return new PlaceOrder(PARK, START, RULES, new OrderId(orderId), new MeterId(meter), side, wh,
                new BigDecimal(price), at);
    }

    static Order booked(String orderId, String meter, Side side, long wh, String price, long sequence) {
        return new Order(new OrderId(orderId), new MeterId(meter), side, wh, new BigDecimal(price), sequence);
    }

    static OrderPlaced placed(String orderId, String meter, Side side, long wh, String price, long sequence) {
        return new OrderPlaced(PARK, START, booked(orderId, meter, side, wh, price, sequence), BEFORE_GATE);
    }

    @Test
    void theFirstOrderOpensTheIntervalAndOrdersQueueInTimePriority() {
        fixture.givenNoPriorActivity()
                .when(place("s1", "pv-1", Side.SELL, 2_000, "0.18", BEFORE_GATE))
                .expectEvents(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0));
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(place("b1", "anna", Side.BUY, 1_000, "0.30", BEFORE_GATE))
                .expectEvents(placed("b1", "anna", Side.BUY, 1_000, "0.30", 1));
    }

    @Test
    void theSameOrderAgainIsHarmlessAndAnotherUnderItsIdIsRefused() {
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(place("s1", "pv-1", Side.SELL, 2_000, "0.1800", BEFORE_GATE))
                .expectNoEvents()
                .expectResultMessagePayload(new MarketInterval.OrderOutcome(
                        booked("s1", "pv-1", Side.SELL, 2_000, "0.18", 0), false));
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(place("s1", "pv-1", Side.SELL, 3_000, "0.18", BEFORE_GATE))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class, e -> assertThat(e.field()).isEqualTo("orderId")));
    }

    @Test
    void anAccountBuysOrSellsInAnIntervalNotBoth() {
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(place("b1", "pv-1", Side.BUY, 1_000, "0.30", BEFORE_GATE))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class, e -> assertThat(e.field()).isEqualTo("side")));
    }

    @Test
    void ordersAreFrozenAtGateClosureAndOnlyTheOwnerCancelsBefore() {
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(place("b1", "anna", Side.BUY, 1_000, "0.30", AT_GATE))
                .expectNoEvents().expectException(GateClosedException.class);
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(new CancelOrder(PARK, START, new OrderId("s1"), new MeterId("someone-else"), BEFORE_GATE))
                .expectNoEvents().expectException(InvalidMarketOrderException.class);
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(new CancelOrder(PARK, START, new OrderId("s1"), new MeterId("pv-1"), AT_GATE))
                .expectNoEvents().expectException(GateClosedException.class);
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.18", 0))
                .when(new CancelOrder(PARK, START, new OrderId("s1"), new MeterId("pv-1"), BEFORE_GATE))
                .expectEvents(new OrderCancelled(PARK, START, new OrderId("s1"), new MeterId("pv-1"), BEFORE_GATE));
    }

    @Test
    void anIntervalNotAlignedToTheMarketsIntervalsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(PARK, START.plusSeconds(60), RULES, new OrderId("b1"), new MeterId("anna"),
                        Side.BUY, 1_000, new BigDecimal("0.30"), BEFORE_GATE))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("intervalStart")));
    }

    @Test
    void atGateClosureTheBookIsClearedOnceWithoutCancelledOrders() {
        Match match = new Match(new OrderId("b1"), new MeterId("anna"), new OrderId("s1"), new MeterId("pv-1"), 1_000);
        fixture.given(new MarketIntervalOpened(PARK, START, RULES),
                        placed("s1", "pv-1", Side.SELL, 2_000, "0.20", 0),
                        placed("b1", "anna", Side.BUY, 1_000, "0.30", 1),
                        placed("b2", "ben", Side.BUY, 1_000, "0.40", 2),
                        new OrderCancelled(PARK, START, new OrderId("b2"), new MeterId("ben"), BEFORE_GATE))
                .when(new ClearInterval(PARK, START, AT_GATE))
                // b2 was cancelled; b1 (0.30) takes 1 of s1's 2 kWh (0.20). s1's unsold kWh at 0.20 caps
                // the range at 0.20: low = high = 0.20.
                .expectEvents(new IntervalCleared(PARK, START, new BigDecimal("0.2000"), List.of(match), 1_000, AT_GATE));
        fixture.given(new MarketIntervalOpened(PARK, START, RULES),
                        placed("s1", "pv-1", Side.SELL, 2_000, "0.20", 0),
                        new IntervalCleared(PARK, START, null, List.of(), 0, AT_GATE))
                .when(new ClearInterval(PARK, START, AT_GATE.plusSeconds(60)))
                .expectNoEvents();
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), placed("s1", "pv-1", Side.SELL, 2_000, "0.20", 0))
                .when(new ClearInterval(PARK, START, BEFORE_GATE))
                .expectNoEvents().expectException(InvalidMarketOrderException.class);
    }
}
