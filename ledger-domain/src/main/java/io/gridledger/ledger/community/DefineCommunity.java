package io.gridledger.ledger.community;

import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.RetailerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Creates a retailer's trading community, or changes its name and market rules (for intervals not yet opened). */
public record DefineCommunity(CommunityId communityId, RetailerId retailerId, String name, MarketRules rules,
                              Instant at) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return TradingCommunity.aggregateId(communityId);
    }
}
