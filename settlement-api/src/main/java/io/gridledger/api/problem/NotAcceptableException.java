package io.gridledger.api.problem;

/** The client asked for a representation the resource does not offer (HTTP 406). */
public class NotAcceptableException extends RuntimeException {

    public NotAcceptableException(String message) {
        super(message);
    }
}
