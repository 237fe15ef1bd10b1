package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Withdraws an order of {@code meterId} before gate closure. */
public record CancelOrder(CommunityId communityId, Instant intervalStart, OrderId orderId, MeterId meterId,
                          Instant at) {

    @TargetAggregateIdentifier
    public String intervalKey() {
        return MarketIntervalKey.of(communityId, intervalStart);
    }
}
