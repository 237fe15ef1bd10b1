package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/** A relay request not yet confirmed is no longer wanted (for example a top-up came first). */
public record RelayCommandWithdrawn(MeterId meterId, String requestId, RelayCommand command, Instant at) implements AccountEvent {
}
