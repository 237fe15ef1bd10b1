package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** An unconfirmed relay request was sent again ({@code attempt} counts from 2). */
public record RelayCommandRetried(MeterId meterId, String requestId, RelayCommand command, int attempt, Instant at,
                                  Instant nextAttemptAt) implements AccountEvent {
}
