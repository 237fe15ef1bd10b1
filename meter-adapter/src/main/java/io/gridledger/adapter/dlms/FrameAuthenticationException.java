package io.gridledger.adapter.dlms;

import io.gridledger.adapter.device.UnauthenticatedPayloadException;

/** A DLMS frame that is not authentic: wrong keys, changed bytes, or not ciphered as required. */
public class FrameAuthenticationException extends UnauthenticatedPayloadException {

    public FrameAuthenticationException(String message) {
        super(message);
    }
}
