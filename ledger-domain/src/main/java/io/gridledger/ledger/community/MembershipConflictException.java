package io.gridledger.ledger.community;

/** A membership change that contradicts the membership as it stands (another community, no community). */
public class MembershipConflictException extends RuntimeException {

    private final String field;

    public MembershipConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
