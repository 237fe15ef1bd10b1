package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/** Puts an order into a community's book for the interval starting {@code intervalStart}. */
public record PlaceOrder(CommunityId communityId, Instant intervalStart, MarketRules rules, OrderId orderId,
                         MeterId meterId, Side side, long energyWh, BigDecimal limitPricePerKwh, Instant at) {

    @TargetAggregateIdentifier
    public String intervalKey() {
        return MarketIntervalKey.of(communityId, intervalStart);
    }
}
