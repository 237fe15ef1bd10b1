package io.gridledger.api.problem;

/** The request is valid but conflicts with the current state (HTTP 409), e.g. closing a period not yet ended. */
public class ConflictException extends RuntimeException {

    private final String type;
    private final String title;
    private final String field;

    public ConflictException(String type, String title, String field, String detail) {
        super(detail);
        this.type = type;
        this.title = title;
        this.field = field;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
