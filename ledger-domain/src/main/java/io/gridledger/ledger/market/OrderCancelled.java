package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;

import java.time.Instant;

/** An order left the book before gate closure. */
public record OrderCancelled(CommunityId communityId, Instant intervalStart, OrderId orderId, MeterId meterId,
                             Instant at) {
}
