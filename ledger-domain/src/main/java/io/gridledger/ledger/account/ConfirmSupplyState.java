package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The meter reports the state of its supply relay as of {@code at}. */
public record ConfirmSupplyState(@TargetAggregateIdentifier MeterId meterId, SupplyState state, Instant at) {
}
