package io.gridledger.ledger.account;

/** The account's last event sequence after a command, so a caller can wait for read models to catch up. */
public record AccountCommandOutcome(long sequence) {
}
