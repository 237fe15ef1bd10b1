package io.gridledger.adapter.ledger;

/** The ledger refused a message for good: delivering it again would not help. */
public class LedgerRefusedException extends RuntimeException {

    public LedgerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
