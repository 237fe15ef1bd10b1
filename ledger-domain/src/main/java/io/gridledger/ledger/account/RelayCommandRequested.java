package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/**
 * The meter is asked to switch its supply. The request waits for the meter's confirmation, is sent
 * again from {@code nextAttemptAt} while unconfirmed and expires unexecuted at {@code expiresAt}.
 */
public record RelayCommandRequested(MeterId meterId, String requestId, RelayCommand command, Instant at,
                                    Instant nextAttemptAt, Instant expiresAt) implements AccountEvent {
}
