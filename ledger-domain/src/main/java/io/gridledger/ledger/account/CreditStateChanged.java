package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;

/** The account moved from one credit state to another at {@code balance}. */
public record CreditStateChanged(MeterId meterId, CreditState from, CreditState to, Money balance, Instant at) implements AccountEvent {
}
