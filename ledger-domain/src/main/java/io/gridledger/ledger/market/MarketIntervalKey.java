package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;

import java.time.Instant;

/** The identifier of one community's market for one delivery interval: {@code community@start}. */
public final class MarketIntervalKey {

    private MarketIntervalKey() {
    }

    public static String of(CommunityId communityId, Instant intervalStart) {
        return communityId.value() + "@" + intervalStart;
    }
}
