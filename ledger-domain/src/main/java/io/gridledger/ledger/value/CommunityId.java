package io.gridledger.ledger.value;

/** Identifier of a trading community (the meters behind one transformer, an industrial park…). */
public record CommunityId(String value) {

    public CommunityId {
        Identifiers.check(value, "communityId");
    }

    @Override
    public String toString() {
        return value;
    }
}
