package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.gridledger.ledger.market.Order.buy;
import static io.gridledger.ledger.market.Order.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-worked clearings: each expected figure is worked out in the comment above it. */
class DoubleAuctionTest {

    private static Match match(String buyOrder, String buyer, String sellOrder, String seller, long wh) {
        return new Match(new OrderId(buyOrder), new MeterId(buyer), new OrderId(sellOrder), new MeterId(seller), wh);
    }

    @Test
    void nothingTradesWhenTheBestBidIsBelowTheBestOffer() {
        Clearing clearing = DoubleAuction.clear(List.of(
                buy("b1", "anna", 2_000, "0.2000", 1), sell("s1", "pv-1", 3_000, "0.2500", 2)));
        assertThat(clearing.crossed()).isFalse();
        assertThat(clearing.matches()).isEmpty();
        assertThat(DoubleAuction.clear(List.of(buy("b1", "anna", 2_000, "0.3000", 1))).crossed())
                .as("bids alone").isFalse();
    }

    @Test
    void oneBidAndOneOfferTradeAtTheMiddleOfTheirPrices() {
        // 1 kWh bid at 0.30 meets 1 kWh offered at 0.20: nothing else in the book, so any price in
        // [0.20, 0.30] clears it; the middle is 0.25.
        Clearing clearing = DoubleAuction.clear(List.of(
                buy("b1", "anna", 1_000, "0.3000", 1), sell("s1", "pv-1", 1_000, "0.2000", 2)));
        assertThat(clearing.pricePerKwh()).isEqualByComparingTo("0.2500");
        assertThat(clearing.matches()).containsExactly(match("b1", "anna", "s1", "pv-1", 1_000));
    }

    @Test
    void theVolumeIsWhereDemandAndSupplyCrossAndTheMarginalOfferIsFilledInPart() {
        // bids:   b1 3 kWh ≤ 0.30, b2 2 kWh ≤ 0.22          offers: s1 2 kWh ≥ 0.18, s2 4 kWh ≥ 0.25
        // b1 takes s1's 2 kWh, then 1 kWh of s2 (0.30 ≥ 0.25); b2 (0.22) does not reach s2 (0.25).
        // Volume 3 kWh. Range: low = max(last offer 0.25, best unmatched bid 0.22) = 0.25,
        // high = min(last bid 0.30, best unmatched offer s2 0.25) = 0.25 → 0.25.
        Clearing clearing = DoubleAuction.clear(List.of(
                buy("b1", "anna", 3_000, "0.30", 1), buy("b2", "ben", 2_000, "0.22", 2),
                sell("s1", "pv-1", 2_000, "0.18", 3), sell("s2", "pv-2", 4_000, "0.25", 4)));
        assertThat(clearing.pricePerKwh()).isEqualByComparingTo("0.25");
        assertThat(clearing.volumeWh()).isEqualTo(3_000);
        assertThat(clearing.matches()).containsExactly(
                match("b1", "anna", "s1", "pv-1", 2_000), match("b1", "anna", "s2", "pv-2", 1_000));
    }

    @Test
    void aPartlyFilledMarginalBidSetsThePrice() {
        // bids: b1 1 kWh ≤ 0.40, b2 3 kWh ≤ 0.26     offers: s1 2 kWh ≥ 0.10, s2 1 kWh ≥ 0.15
        // b1 ← s1 1 kWh; b2 ← s1 1 kWh; b2 ← s2 1 kWh; offers exhausted, b2 has 1 kWh left.
        // low = max(last offer 0.15, unmatched bid b2 0.26) = 0.26; high = last bid 0.26 → 0.26.
        Clearing clearing = DoubleAuction.clear(List.of(
                buy("b1", "anna", 1_000, "0.40", 1), buy("b2", "ben", 3_000, "0.26", 2),
                sell("s1", "pv-1", 2_000, "0.10", 3), sell("s2", "pv-2", 1_000, "0.15", 4)));
        assertThat(clearing.pricePerKwh()).isEqualByComparingTo("0.26");
        assertThat(clearing.matches()).containsExactly(match("b1", "anna", "s1", "pv-1", 1_000),
                match("b2", "ben", "s1", "pv-1", 1_000), match("b2", "ben", "s2", "pv-2", 1_000));
    }

    @Test
    void atEqualPricesTheEarlierOrderIsServedFirst() {
        // Two offers at 0.20 for a 1.5 kWh bid: s-early (sequence 1) is filled whole, s-late in part.
        Clearing clearing = DoubleAuction.clear(List.of(
                sell("s-late", "pv-2", 1_000, "0.20", 5), sell("s-early", "pv-1", 1_000, "0.20", 1),
                buy("b1", "anna", 1_500, "0.20", 3)));
        assertThat(clearing.pricePerKwh()).isEqualByComparingTo("0.20");
        assertThat(clearing.matches()).containsExactly(match("b1", "anna", "s-early", "pv-1", 1_000),
                match("b1", "anna", "s-late", "pv-2", 500));
        // the same for bids: b-early before b-late at 0.30
        Clearing bids = DoubleAuction.clear(List.of(
                buy("b-late", "ben", 1_000, "0.30", 9), buy("b-early", "anna", 1_000, "0.30", 2),
                sell("s1", "pv-1", 1_000, "0.10", 1)));
        assertThat(bids.matches()).containsExactly(match("b-early", "anna", "s1", "pv-1", 1_000));
        // low = max(0.10, unmatched b-late 0.30) = 0.30 = high: the unmatched bid would not accept more
        assertThat(bids.pricePerKwh()).isEqualByComparingTo("0.30");
    }

    @Test
    void aMidpointBetweenTwoFourDecimalPricesIsRoundedHalfEven() {
        // (0.2001 + 0.2004) / 2 = 0.20025 → 0.2002 (half-even)
        Clearing clearing = DoubleAuction.clear(List.of(
                buy("b1", "anna", 1_000, "0.2004", 1), sell("s1", "pv-1", 1_000, "0.2001", 2)));
        assertThat(clearing.pricePerKwh()).isEqualByComparingTo("0.2002");
    }

    @Test
    void ordersAreWellFormed() {
        assertThatThrownBy(() -> buy("b", "m", 0, "0.1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy("b", "m", 10, "-0.1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy("b", "m", 10, "0.12345", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sell("s", "m", 10, "0.1000", 1).limitPricePerKwh()).isEqualTo(new BigDecimal("0.1000"));
    }
}
