package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Clears the interval's frozen book at or after gate closure; clearing again changes nothing. */
public record ClearInterval(CommunityId communityId, Instant intervalStart, Instant at) {

    @TargetAggregateIdentifier
    public String intervalKey() {
        return MarketIntervalKey.of(communityId, intervalStart);
    }
}
