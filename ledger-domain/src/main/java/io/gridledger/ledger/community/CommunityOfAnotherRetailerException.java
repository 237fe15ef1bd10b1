package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;

/** A community belongs to one retailer; another retailer cannot see or change it. */
public class CommunityOfAnotherRetailerException extends RuntimeException {

    public CommunityOfAnotherRetailerException(CommunityId communityId) {
        super("no trading community '" + communityId + "'");
    }
}
