package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A top-up brought the balance back to zero or above: emergency credit is repaid and closed. */
public record EmergencyCreditRepaid(MeterId meterId, Instant at) implements AccountEvent {
}
