package io.gridledger.api.problem;

/** Input that cannot be taken; answered with 400 and a problem+json body naming {@code field}. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
