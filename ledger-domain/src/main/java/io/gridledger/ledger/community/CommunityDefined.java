package io.gridledger.ledger.community;

import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.RetailerId;

import java.time.Instant;

/** A trading community was created (or its name and rules changed) by its retailer. */
public record CommunityDefined(CommunityId communityId, RetailerId retailerId, String name, MarketRules rules,
                               Instant at) {
}
