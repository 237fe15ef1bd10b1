package io.gridledger.ledger.account;

/** A command the account cannot take as given; {@link #field()} names the offending input. */
public class InvalidAccountCommandException extends IllegalArgumentException {

    private final String field;

    public InvalidAccountCommandException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
