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

    /** The id of the interval's {@code n}-th match (from 1, in the order the auction made them). */
    public static String tradeId(CommunityId communityId, Instant intervalStart, int n) {
        return of(communityId, intervalStart) + "#" + n;
    }

    /** The id of a certificate issued on settling the interval ({@code n} from 1). */
    public static String certificateId(CommunityId communityId, Instant intervalStart, int n) {
        return "GC-" + communityId.value() + "-" + intervalStart.getEpochSecond() + "-" + n;
    }
}
