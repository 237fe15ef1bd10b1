package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The customer asks for emergency credit (allowed while the balance is below the low-credit threshold). */
public record ActivateEmergencyCredit(@TargetAggregateIdentifier MeterId meterId, Instant at) {
}
