package io.gridledger.ledger.tariff;

import java.time.Instant;

/** A numbered version of a tariff (1, 2, …) and when it was defined. */
public record TariffVersion(int version, TariffDefinition definition, Instant definedAt) {
}
