package io.gridledger.ledger.community;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Takes a meter account out of its community, with its standing order; trades already made still settle. */
public record LeaveCommunity(MeterId meterId, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TradingMembership.aggregateId(meterId);
    }
}
