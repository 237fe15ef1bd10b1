package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;

/** The balance crossed below the low-credit threshold: tell the customer to top up. */
public record LowCreditAlerted(MeterId meterId, Money balance, Money threshold, Instant at) implements AccountEvent {
}
