package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.TariffId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds a version to a tariff (creating the tariff on its first version). */
public record DefineTariffVersion(@TargetAggregateIdentifier TariffId tariffId, TariffDefinition definition,
                                  Instant at) {
}
