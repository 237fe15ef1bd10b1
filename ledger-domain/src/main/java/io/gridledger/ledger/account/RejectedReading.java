package io.gridledger.ledger.account;

import java.time.Instant;

/** A reading that was not accepted, why, and a detail for the operator. */
public record RejectedReading(Instant at, RejectionReason reason, String detail) {
}
