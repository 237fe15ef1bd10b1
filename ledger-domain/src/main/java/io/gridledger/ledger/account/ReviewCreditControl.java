package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Time has passed: charge the standing charges due, retry or expire relay requests and take again a
 * deferred disconnection decision. Sent by the scheduler; harmless when nothing is due.
 */
public record ReviewCreditControl(@TargetAggregateIdentifier MeterId meterId, Instant at) {
}
