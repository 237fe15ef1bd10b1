package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The meter reports the state of its supply relay as of {@code at} (its own clock), received at
 * {@code receivedAt} (the ledger's clock). Time-driven work — standing charges, relay expiry,
 * period closes — follows {@code receivedAt}, so a meter clock running ahead charges nothing early.
 */
public record ConfirmSupplyState(@TargetAggregateIdentifier MeterId meterId, SupplyState state, Instant at,
                                 Instant receivedAt) {

    /** A confirmation received at the time the meter reports. */
    public ConfirmSupplyState(MeterId meterId, SupplyState state, Instant at) {
        this(meterId, state, at, at);
    }
}
