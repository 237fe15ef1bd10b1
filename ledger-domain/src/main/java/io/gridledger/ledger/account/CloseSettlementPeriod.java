package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.YearMonth;

/**
 * Closes {@code period}, and any earlier period still open, before its grace time ends; even while
 * it runs (then the rest of the period is booked in the next one). A period not begun is refused.
 */
public record CloseSettlementPeriod(@TargetAggregateIdentifier MeterId meterId, YearMonth period, Instant at) {
}
