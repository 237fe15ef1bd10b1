package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of each matched trade was delivered, once both sides' readings for the interval are in:
 * {@code delivered = min(matched, the seller's measured export not yet allocated, the buyer's
 * measured import not yet allocated)}. Trades are allocated in the order the auction made them
 * (price-time priority: the best-priced, earliest orders first), so a participant's measured energy
 * goes first to the trades that ranked first. What is not delivered falls back to the tariffs.
 */
public final class DeliveryAllocation {

    /**
     * A trade with what was delivered of it (0…matched) and {@code sellerShortWh}, the part the buyer
     * took in but the seller did not export: the seller's imbalance.
     */
    public record Delivered(Match match, long deliveredWh, long sellerShortWh) {

        public long undeliveredWh() {
            return match.energyWh() - deliveredWh;
        }
    }

    private DeliveryAllocation() {
    }

    /**
     * @param matches      the interval's matches in the order they were made
     * @param exportWh     each seller's measured export in the interval (missing = 0)
     * @param importWh     each buyer's measured import in the interval (missing = 0)
     */
    public static List<Delivered> allocate(List<Match> matches, Map<MeterId, Long> exportWh,
                                           Map<MeterId, Long> importWh) {
        Map<MeterId, Long> exportLeft = new HashMap<>(exportWh);
        Map<MeterId, Long> importLeft = new HashMap<>(importWh);
        List<Delivered> delivered = new ArrayList<>(matches.size());
        for (Match match : matches) {
            long export = Math.max(0, exportLeft.getOrDefault(match.seller(), 0L));
            long imported = Math.max(0, importLeft.getOrDefault(match.buyer(), 0L));
            long takenIn = Math.min(match.energyWh(), imported);
            long energy = Math.min(takenIn, export);
            exportLeft.put(match.seller(), export - energy);
            importLeft.put(match.buyer(), imported - energy);
            delivered.add(new Delivered(match, energy, takenIn - energy));
        }
        return delivered;
    }
}
