package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Makes a meter account a member of a trading community; joining the community it is in changes nothing. */
public record JoinCommunity(MeterId meterId, CommunityId communityId, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TradingMembership.aggregateId(meterId);
    }
}
