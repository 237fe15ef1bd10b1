package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A relay request stayed unconfirmed for 24 h and must no longer be carried out. */
public record RelayCommandExpired(MeterId meterId, String requestId, RelayCommand command, Instant at) implements AccountEvent {
}
