package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The interval was cleared at gate closure: every match trades at {@code pricePerKwh} (null when no
 * bid reached an offer); {@code matches} are the trades, in the order they were made.
 */
public record IntervalCleared(CommunityId communityId, Instant intervalStart, BigDecimal pricePerKwh,
                              List<Match> matches, long volumeWh, Instant at) {

    public IntervalCleared {
        matches = List.copyOf(matches);
    }
}
