package io.gridledger.ledger.community;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stops a member's standing order; orders already placed from it stay until their gate. */
public record CancelStandingOrder(MeterId meterId, Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TradingMembership.aggregateId(meterId);
    }
}
