package io.gridledger.adapter.inbox;

/** A device message that does not follow the payload schema; {@code field} names what is wrong. */
public class InvalidPayloadException extends RuntimeException {

    private final String field;

    public InvalidPayloadException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
