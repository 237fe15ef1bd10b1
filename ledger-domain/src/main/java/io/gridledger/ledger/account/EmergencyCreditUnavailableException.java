package io.gridledger.ledger.account;

/** Emergency credit was asked for when the account does not allow it now. */
public class EmergencyCreditUnavailableException extends RuntimeException {

    public EmergencyCreditUnavailableException(String message) {
        super(message);
    }
}
