package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A meter account left its trading community (its standing order ended with it). */
public record CommunityLeft(MeterId meterId, CommunityId communityId, Instant at) {
}
