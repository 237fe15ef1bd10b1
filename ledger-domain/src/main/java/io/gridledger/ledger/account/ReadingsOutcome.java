package io.gridledger.ledger.account;

/** How a delivery was taken; {@code sequence} is the account's last event sequence afterwards. */
public record ReadingsOutcome(int accepted, int duplicate, int rejected, long sequence) {
}
