package io.gridledger.ledger.market;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of clearing one interval: the uniform price every match trades at (null when no bid
 * reaches an offer) and the matches, in the order they were made (price-time priority).
 */
public record Clearing(BigDecimal pricePerKwh, List<Match> matches) {

    public static final Clearing NONE = new Clearing(null, List.of());

    public Clearing {
        matches = List.copyOf(matches);
        if ((pricePerKwh == null) != matches.isEmpty()) {
            throw new IllegalArgumentException("a clearing price exactly when something was matched");
        }
    }

    public boolean crossed() {
        return pricePerKwh != null;
    }

    public long volumeWh() {
        return matches.stream().mapToLong(Match::energyWh).sum();
    }
}
