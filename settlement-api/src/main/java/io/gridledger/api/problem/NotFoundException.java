package io.gridledger.api.problem;

/** The addressed meter or tariff does not exist; answered with 404 naming {@code field}. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
