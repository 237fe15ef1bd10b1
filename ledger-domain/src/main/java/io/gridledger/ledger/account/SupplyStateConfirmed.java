package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/**
 * The meter confirmed its relay state; {@code requestId} names the request it completes, or is
 * {@code null} when the meter changed state on its own.
 */
public record SupplyStateConfirmed(MeterId meterId, SupplyState state, String requestId, Instant at) implements AccountEvent {
}
