package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.OrderId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static io.gridledger.ledger.support.EventAssertions.payloadsSatisfy;
import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settling a cleared interval on measured energy, worked by hand. Clearing price 0.2000/kWh, grid fee
 * 0.0300, platform fee 0.0050, imbalance charge 0.1000. The book: pv-1 sells 2,000 Wh at 0.15,
 * pv-2 sells 1,000 Wh at 0.18; anna buys 1,500 Wh at 0.25 (first), ben buys 1,500 Wh at 0.22.
 * Matches in order: anna←pv-1 1,500; ben←pv-1 500; ben←pv-2 1,000.
 */
class IntervalSettlementTest {

    static final CommunityId PARK = new CommunityId("solar-park");
    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    static final Instant END = Instant.parse("2026-06-01T10:15:00Z");
    static final Instant SETTLED_AT = Instant.parse("2026-06-01T11:00:00Z");
    static final MeterId PV1 = new MeterId("pv-1");
    static final MeterId PV2 = new MeterId("pv-2");
    static final MeterId ANNA = new MeterId("anna");
    static final MeterId BEN = new MeterId("ben");
    static final MarketRules RULES = new MarketRules(EUR, MarketRules.DEFAULT_INTERVAL, MarketRules.DEFAULT_GATE_CLOSURE,
            new BigDecimal("0.03"), new BigDecimal("0.005"), new BigDecimal("0.10"), true);

    private FixtureConfiguration<MarketInterval> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MarketInterval.class);
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static Match match(String buyOrder, MeterId buyer, String sellOrder, MeterId seller, long wh) {
        return new Match(new OrderId(buyOrder), buyer, new OrderId(sellOrder), seller, wh);
    }

    static final IntervalCleared CLEARED = new IntervalCleared(PARK, START, new BigDecimal("0.2000"), List.of(
            match("b-anna", ANNA, "s-pv1", PV1, 1_500),
            match("b-ben", BEN, "s-pv1", PV1, 500),
            match("b-ben", BEN, "s-pv2", PV2, 1_000)), 3_000, Instant.parse("2026-06-01T09:55:00Z"));

    /** Net billing at 0.0800 export, import at 0.3000/kWh. */
    static MeasuredInterval measured(MeterId meter, long importWh, long exportWh) {
        return new MeasuredInterval(meter, importWh, exportWh,
                Money.rounded(new BigDecimal("0.30").multiply(BigDecimal.valueOf(importWh)).movePointLeft(3), EUR),
                Money.rounded(new BigDecimal("0.08").multiply(BigDecimal.valueOf(exportWh)).movePointLeft(3), EUR), 0);
    }

    Object[] history() {
        return new Object[]{new MarketIntervalOpened(PARK, START, RULES), CLEARED};
    }

    @Test
    void deliversInMatchOrderWithinWhatBothMetersMeasuredAndPaysDeliveredEnergyOnceAtTheClearingPrice() {
        // pv-1 exported only 1,800 Wh: anna gets 1,500, ben 300 of the 500 from pv-1; pv-2 exported 1,200,
        // ben imported 1,200 in all: 300 from pv-1 leaves 900 for pv-2's 1,000.
        fixture.given(history())
                .when(new SettleInterval(PARK, START, List.of(measured(PV1, 0, 1_800), measured(PV2, 0, 1_200),
                        measured(ANNA, 2_000, 0), measured(BEN, 1_200, 0)), SETTLED_AT))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    IntervalSettled settled = (IntervalSettled) events.get(0);
                    assertThat(settled.trades()).extracting(TradeSettlement::deliveredWh)
                            .containsExactly(1_500L, 300L, 900L);
                    assertThat(settled.trades()).extracting(TradeSettlement::tradeId).containsExactly(
                            "solar-park@2026-06-01T10:00:00Z#1", "solar-park@2026-06-01T10:00:00Z#2",
                            "solar-park@2026-06-01T10:00:00Z#3");
                    TradeSettlement anna = settled.trades().get(0);
                    // 1.5 kWh × 0.20 = 0.3000 value; grid 0.0450; platform 0.0075
                    assertThat(anna.amounts().buyerPays()).isEqualTo(eur("0.3450"));
                    assertThat(anna.amounts().sellerReceives()).isEqualTo(eur("0.2925"));
                    // anna's tariff charged 2,000 Wh 0.6000: 1,500 Wh of it is 0.4500, refunded
                    assertThat(anna.buyerTariffRefund()).isEqualTo(eur("0.4500"));
                    // pv-1's export credit 1,800 Wh 0.1440: the 1,500 Wh sold are 0.1200, taken back
                    assertThat(anna.sellerExportReversal()).isEqualTo(eur("0.1200"));
                    // ben took in 500 from pv-1 but pv-1 had only 300 left: 200 Wh short × 0.10 = 0.0200
                    TradeSettlement benFromPv1 = settled.trades().get(1);
                    assertThat(benFromPv1.sellerShortWh()).isEqualTo(200);
                    assertThat(benFromPv1.imbalanceCharge()).isEqualTo(eur("0.0200"));
                    // ben's import is used up: pv-2 exported enough, the buyer did not take it in: no imbalance
                    TradeSettlement benFromPv2 = settled.trades().get(2);
                    assertThat(benFromPv2.sellerShortWh()).isZero();
                    assertThat(benFromPv2.undeliveredWh()).isEqualTo(100);
                    // certificates: one per delivered trade, retired to the buyer; pv-2's unsold 300 Wh certified to itself
                    assertThat(settled.certificates()).extracting(GreenCertificate::wh)
                            .containsExactly(1_500L, 300L, 900L, 300L);
                    assertThat(settled.certificates()).extracting(GreenCertificate::owner)
                            .containsExactly(ANNA, BEN, BEN, PV2);
                    assertThat(settled.certificates()).extracting(GreenCertificate::status).containsExactly(
                            CertificateStatus.RETIRED, CertificateStatus.RETIRED, CertificateStatus.RETIRED,
                            CertificateStatus.ISSUED);
                    assertThat(settled.certificates()).extracting(GreenCertificate::certificateId)
                            .doesNotHaveDuplicates();
                    assertThat(settled.unmeasured()).isEmpty();
                }));
    }

    @Test
    void aSideWhoseReadingsAreMissingDeliveredNothingAndTheCaseIsNamed() {
        fixture.given(history())
                .when(new SettleInterval(PARK, START, List.of(measured(PV2, 0, 1_000), measured(ANNA, 2_000, 0),
                        measured(BEN, 2_000, 0)), SETTLED_AT))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    IntervalSettled settled = (IntervalSettled) events.get(0);
                    assertThat(settled.unmeasured()).containsExactly(PV1);
                    assertThat(settled.trades()).extracting(TradeSettlement::readingsMissing)
                            .containsExactly(true, true, false);
                    assertThat(settled.trades()).extracting(TradeSettlement::deliveredWh).containsExactly(0L, 0L, 1_000L);
                    // a seller without readings cannot show its export: what the buyers took in is short
                    assertThat(settled.trades().get(0).sellerShortWh()).isEqualTo(1_500);
                }));
    }

    @Test
    void settlesOnceFromTheEndOfTheIntervalAndOnlyWhenCleared() {
        fixture.given(new MarketIntervalOpened(PARK, START, RULES))
                .when(new SettleInterval(PARK, START, List.of(), SETTLED_AT))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("intervalStart")));
        fixture.given(history())
                .when(new SettleInterval(PARK, START, List.of(), END.minusSeconds(1)))
                .expectNoEvents()
                .expectException(InvalidMarketOrderException.class);
        IntervalSettled first = new IntervalSettled(PARK, START, END, new BigDecimal("0.2000"), List.of(), List.of(),
                List.of(), List.of(), SETTLED_AT);
        fixture.given(new MarketIntervalOpened(PARK, START, RULES), CLEARED, first)
                .when(new SettleInterval(PARK, START, List.of(measured(PV1, 0, 9_000)), SETTLED_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(first);
    }

    @Test
    void aMeasurementInAnotherCurrencyIsRefused() {
        MeasuredInterval dollars = new MeasuredInterval(ANNA, 1_000, 0, Money.of("0.30", "USD"), Money.of("0", "USD"), 0);
        fixture.given(history())
                .when(new SettleInterval(PARK, START, List.of(dollars), SETTLED_AT))
                .expectNoEvents()
                .expectException(satisfies(InvalidMarketOrderException.class,
                        e -> assertThat(e.field()).isEqualTo("measurements")));
    }
}
