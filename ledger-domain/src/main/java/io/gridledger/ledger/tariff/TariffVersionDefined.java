package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.TariffId;

import java.time.Instant;

/** A tariff got a new version, numbered from 1. */
public record TariffVersionDefined(TariffId tariffId, int version, TariffDefinition definition, Instant definedAt) {
}
