package io.gridledger.projections.settlement;

import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The regulator's run shows the period's peer-to-peer trading, from the accounts' booked trades. */
class TradingFiguresTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Instant AT = Instant.parse("2026-07-01T12:00:00Z");
    static final YearMonth JULY = YearMonth.of(2026, 7);

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void tradedVolumesPricesFeesRefundsImbalanceAndUndeliveredEnergyAddUpPerPeriod() {
        Map<String, SettlementMeterState> states = new HashMap<>();
        SettlementFacts.Meters meters = new SettlementFacts.Meters() {
            @Override
            public SettlementMeterState find(String meterId) {
                return states.get(meterId);
            }

            @Override
            public void put(SettlementMeterState state) {
                states.put(state.meterId, state);
            }
        };
        List<SettlementFact> facts = new ArrayList<>();
        for (String meter : List.of("buyer", "seller")) {
            facts.addAll(SettlementFacts.apply(new MeterAccountOpened(new MeterId(meter), new CustomerId("c-" + meter),
                    new TariffId("flat"), AMSTERDAM, Currency.getInstance("EUR"), eur("0"), eur("0"), false, eur("0"),
                    Percentage.zero(), false, FriendlyCreditCalendar.none(), AT, RetailerId.DEFAULT), 0, AT, meters));
        }
        // 1,500 of 2,000 Wh delivered at 0.20: value 0.3000, grid fee 0.0450, platform fee 0.0075
        facts.addAll(SettlementFacts.apply(new TradeSettled(new MeterId("buyer"), "park#1", TradeRole.BUYER, AT,
                2_000, 1_500, eur("0.3000"), eur("0.3450"), eur("0.4500"), 0, 0, eur("0"), eur("0"), eur("0.1050"),
                eur("0.1050"), JULY, AT), 1, AT, meters));
        facts.addAll(SettlementFacts.apply(new TradeSettled(new MeterId("seller"), "park#1", TradeRole.SELLER, AT,
                2_000, 1_500, eur("0.3000"), eur("0.2925"), eur("0.1200"), 0, 0, eur("0"), eur("0.0250"),
                eur("0.1475"), eur("0.1475"), JULY, AT), 1, AT, meters));

        SettlementFigures figures = SettlementFigures.compute(SettlementFigures.group(facts, JULY), 2,
                new ArrayList<>(states.values()), 0, (tariff, version) -> Optional.empty());

        SettlementFigures.Trading trading = figures.trading();
        assertThat(trading.deliveredWh()).isEqualTo(1_500);
        assertThat(trading.value()).isEqualTo("0.3000");
        assertThat(trading.averagePricePerKwh()).isEqualTo("0.2000");
        assertThat(trading.gridFees()).isEqualTo("0.0450");
        assertThat(trading.platformFees()).isEqualTo("0.0075");
        assertThat(trading.importRefunds()).isEqualTo("0.4500");
        assertThat(trading.exportReversals()).isEqualTo("0.1200");
        assertThat(trading.imbalanceCharges()).isEqualTo("0.0250");
        assertThat(trading.undeliveredWh()).as("counted once, on the buyer's side").isEqualTo(500);
    }
}
