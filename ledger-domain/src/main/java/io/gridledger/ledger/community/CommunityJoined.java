package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A meter account joined a trading community. */
public record CommunityJoined(MeterId meterId, CommunityId communityId, Instant at) {
}
