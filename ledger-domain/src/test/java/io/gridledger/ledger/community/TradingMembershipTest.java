package io.gridledger.ledger.community;

import io.gridledger.ledger.market.InvalidMarketOrderException;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.market.Side;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.RetailerId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradingMembershipTest {

    static final MeterId ANNA = new MeterId("anna");
    static final CommunityId PARK = new CommunityId("solar-park");
    static final CommunityId VILLAGE = new CommunityId("village");
    static final Instant AT = Instant.parse("2026-06-01T08:00:00Z");
    static final StandingOrder SELL_SURPLUS = new StandingOrder(Side.SELL, new BigDecimal("0.12"), null, null);

    final AggregateTestFixture<TradingMembership> membership = new AggregateTestFixture<>(TradingMembership.class);
    final AggregateTestFixture<TradingCommunity> community = new AggregateTestFixture<>(TradingCommunity.class);

    @Test
    void anAccountIsInOneCommunityAtATime() {
        membership.givenNoPriorActivity()
                .when(new JoinCommunity(ANNA, PARK, AT))
                .expectEvents(new CommunityJoined(ANNA, PARK, AT))
                .expectResultMessagePayload(true);
        membership.given(new CommunityJoined(ANNA, PARK, AT))
                .when(new JoinCommunity(ANNA, PARK, AT.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
        membership.given(new CommunityJoined(ANNA, PARK, AT))
                .when(new JoinCommunity(ANNA, VILLAGE, AT))
                .expectNoEvents()
                .expectException(satisfies(MembershipConflictException.class,
                        e -> assertThat(e.field()).isEqualTo("communityId")));
        membership.given(new CommunityJoined(ANNA, PARK, AT), new CommunityLeft(ANNA, PARK, AT))
                .when(new JoinCommunity(ANNA, VILLAGE, AT))
                .expectEvents(new CommunityJoined(ANNA, VILLAGE, AT));
    }

    @Test
    void leavingEndsTheStandingOrderAndOnlyMembersHaveOne() {
        membership.given(new CommunityJoined(ANNA, PARK, AT), new StandingOrderSet(ANNA, PARK, SELL_SURPLUS, AT))
                .when(new LeaveCommunity(ANNA, AT))
                .expectEvents(new StandingOrderCancelled(ANNA, PARK, AT), new CommunityLeft(ANNA, PARK, AT));
        membership.given(new CommunityJoined(ANNA, PARK, AT), new CommunityLeft(ANNA, PARK, AT))
                .when(new SetStandingOrder(ANNA, SELL_SURPLUS, AT))
                .expectNoEvents()
                .expectException(MembershipConflictException.class);
        membership.given(new CommunityJoined(ANNA, PARK, AT), new StandingOrderSet(ANNA, PARK, SELL_SURPLUS, AT))
                .when(new SetStandingOrder(ANNA, new StandingOrder(Side.SELL, new BigDecimal("0.1200"), null, null), AT))
                .expectNoEvents();
    }

    @Test
    void aStandingOrderFollowsTheForecastWithinItsCaps() {
        StandingOrder sell = new StandingOrder(Side.SELL, new BigDecimal("0.12"), 2_000L, null);
        assertThat(sell.energyFor(1_200L, 0, 40)).as("the forecast surplus").isEqualTo(1_200);
        assertThat(sell.energyFor(5_000L, 0, 40)).as("capped per interval").isEqualTo(2_000);
        assertThat(sell.energyFor(0L, 0, 40)).as("no surplus at night: no order").isZero();
        assertThat(SELL_SURPLUS.energyFor(null, 0, 40)).as("no forecast and no cap: nothing to offer").isZero();
        StandingOrder buy = new StandingOrder(Side.BUY, new BigDecimal("0.25"), null, 10_000L);
        assertThat(buy.energyFor(800L, 9_500, 20)).as("what is left of the day").isEqualTo(500);
        assertThat(buy.energyFor(800L, 10_000, 20)).as("the day's cap is used up").isZero();
        assertThat(buy.energyFor(null, 4_000, 4)).as("no forecast: the rest of the day spread").isEqualTo(1_500);
        assertThatThrownBy(() -> new StandingOrder(Side.BUY, new BigDecimal("0.25"), null, null))
                .isInstanceOf(InvalidMarketOrderException.class);
        assertThatThrownBy(() -> new StandingOrder(Side.SELL, new BigDecimal("0.12345"), null, null))
                .isInstanceOf(InvalidMarketOrderException.class);
    }

    @Test
    void aCommunityBelongsToOneRetailerAndKeepsItsCurrency() {
        RetailerId north = new RetailerId("north");
        MarketRules rules = new MarketRules(Currency.getInstance("EUR"), MarketRules.DEFAULT_INTERVAL,
                MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.03"), BigDecimal.ZERO);
        CommunityDefined defined = new CommunityDefined(PARK, north, "Solar park", rules, AT);
        community.givenNoPriorActivity()
                .when(new DefineCommunity(PARK, north, "Solar park", rules, AT))
                .expectEvents(defined)
                .expectResultMessagePayload(true);
        community.given(defined)
                .when(new DefineCommunity(PARK, north, "Solar park", new MarketRules(Currency.getInstance("EUR"),
                        MarketRules.DEFAULT_INTERVAL, MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.0300"),
                        new BigDecimal("0.00")), AT))
                .expectNoEvents();
        community.given(defined)
                .when(new DefineCommunity(PARK, new RetailerId("south"), "Mine", rules, AT))
                .expectNoEvents()
                .expectException(CommunityOfAnotherRetailerException.class);
        community.given(defined)
                .when(new DefineCommunity(PARK, north, "Solar park", new MarketRules(Currency.getInstance("GBP"),
                        MarketRules.DEFAULT_INTERVAL, MarketRules.DEFAULT_GATE_CLOSURE, BigDecimal.ZERO,
                        BigDecimal.ZERO), AT))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("currency")));
    }
}
