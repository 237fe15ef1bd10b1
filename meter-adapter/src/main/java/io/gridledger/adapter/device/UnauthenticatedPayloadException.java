package io.gridledger.adapter.device;

/** A payload that carries its own authentication (a ciphered DLMS frame) and failed it. */
public class UnauthenticatedPayloadException extends RuntimeException {

    public UnauthenticatedPayloadException(String message) {
        super(message);
    }
}
