package io.gridledger.ledger.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The uniform-price double auction (pay-as-clear) that clears one delivery interval at gate closure.
 *
 * <ol>
 * <li>Bids are ranked by price, highest first; offers by price, lowest first. Equal prices are
 *     ranked by time: the earlier order ({@link Order#sequence()}) first, then by order id.</li>
 * <li>The best remaining bid is matched with the best remaining offer for the smaller of their
 *     remaining energies while the bid's price reaches the offer's; so the volume is the largest
 *     at which demand and supply cross, and at the margin an order may be filled in part.</li>
 * <li>One price for every match: the middle of the range of prices that clear the market —
 *     from the higher of the last matched offer and the best unmatched bid, to the lower of the
 *     last matched bid and the best unmatched offer — rounded half-even to 4 decimals (it stays in
 *     the range, whose ends have 4). No matched buyer pays above its limit, no matched seller gets
 *     below its own, and no unmatched order would have traded at that price.</li>
 * </ol>
 * A participant's own bid and offer in the same interval may meet; the community rules forbid that
 * upstream (an account either buys or sells in an interval).
 */
public final class DoubleAuction {

    private static final Comparator<Order> TIME = Comparator.comparingLong(Order::sequence)
            .thenComparing(o -> o.id().value());
    static final Comparator<Order> BIDS = Comparator.comparing(Order::limitPricePerKwh).reversed().thenComparing(TIME);
    static final Comparator<Order> OFFERS = Comparator.comparing(Order::limitPricePerKwh).thenComparing(TIME);

    private DoubleAuction() {
    }

    public static Clearing clear(Collection<Order> orders) {
        List<Order> bids = new ArrayList<>();
        List<Order> offers = new ArrayList<>();
        for (Order order : orders) {
            (order.side() == Side.BUY ? bids : offers).add(order);
        }
        bids.sort(BIDS);
        offers.sort(OFFERS);

        List<Match> matches = new ArrayList<>();
        int b = 0;
        int o = 0;
        long bidLeft = bids.isEmpty() ? 0 : bids.get(0).energyWh();
        long offerLeft = offers.isEmpty() ? 0 : offers.get(0).energyWh();
        BigDecimal lastBid = null;
        BigDecimal lastOffer = null;
        while (b < bids.size() && o < offers.size()
                && bids.get(b).limitPricePerKwh().compareTo(offers.get(o).limitPricePerKwh()) >= 0) {
            Order bid = bids.get(b);
            Order offer = offers.get(o);
            long energy = Math.min(bidLeft, offerLeft);
            matches.add(new Match(bid.id(), bid.meterId(), offer.id(), offer.meterId(), energy));
            lastBid = bid.limitPricePerKwh();
            lastOffer = offer.limitPricePerKwh();
            bidLeft -= energy;
            offerLeft -= energy;
            if (bidLeft == 0 && ++b < bids.size()) {
                bidLeft = bids.get(b).energyWh();
            }
            if (offerLeft == 0 && ++o < offers.size()) {
                offerLeft = offers.get(o).energyWh();
            }
        }
        if (matches.isEmpty()) {
            return Clearing.NONE;
        }
        BigDecimal low = b < bids.size() ? lastOffer.max(bids.get(b).limitPricePerKwh()) : lastOffer;
        BigDecimal high = o < offers.size() ? lastBid.min(offers.get(o).limitPricePerKwh()) : lastBid;
        BigDecimal price = low.add(high).divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_EVEN);
        return new Clearing(price, matches);
    }
}
