package io.gridledger.adapter.relay;

import io.gridledger.ledger.account.RelayCommand;

import java.time.Instant;

/**
 * A relay command as a meter receives it. A meter carries out a {@code requestId} once, and answers
 * every attempt with its relay state ({@code …/relay/state}), so a repeated attempt is harmless.
 */
public record RelayCommandMessage(String requestId, int attempt, RelayCommand command, Instant requestedAt) {
}
