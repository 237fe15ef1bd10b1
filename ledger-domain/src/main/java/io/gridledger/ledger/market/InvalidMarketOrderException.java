package io.gridledger.ledger.market;

/** An order or market rule that cannot be taken, naming the field at fault. */
public class InvalidMarketOrderException extends RuntimeException {

    private final String field;

    public InvalidMarketOrderException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
