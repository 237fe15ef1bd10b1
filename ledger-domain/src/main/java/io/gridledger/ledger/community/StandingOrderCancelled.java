package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A member's standing order was stopped. */
public record StandingOrderCancelled(MeterId meterId, CommunityId communityId, Instant at) {
}
