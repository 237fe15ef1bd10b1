package io.gridledger.ledger.community;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Puts a member's standing order in place of the one it had. */
public record SetStandingOrder(MeterId meterId, StandingOrder order, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TradingMembership.aggregateId(meterId);
    }
}
