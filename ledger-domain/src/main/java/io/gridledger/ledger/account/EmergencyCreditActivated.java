package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;

/** Emergency credit now lets the balance go down to {@code -limit}; automatic when the account says so. */
public record EmergencyCreditActivated(MeterId meterId, Money limit, boolean automatic, Instant at) implements AccountEvent {
}
