package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;

import java.time.Instant;

/** A community's market for one delivery interval took its first order, under these rules. */
public record MarketIntervalOpened(CommunityId communityId, Instant intervalStart, MarketRules rules) {
}
