package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A member's standing order was put in place (replacing any earlier one). */
public record StandingOrderSet(MeterId meterId, CommunityId communityId, StandingOrder order, Instant at) {
}
