package io.gridledger.ledger.market;

import java.time.Instant;

/** Orders of an interval are frozen from gate closure on: none can be placed or cancelled. */
public class GateClosedException extends RuntimeException {

    public GateClosedException(Instant intervalStart, Instant gateClosure) {
        super("the gate of the interval starting " + intervalStart + " closed at " + gateClosure
                + "; orders go to a later interval");
    }
}
