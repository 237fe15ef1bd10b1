package io.gridledger.ledger.tariff;

/** Result of {@link DefineTariffVersion}: the version now latest, and whether this call created it. */
public record TariffVersionOutcome(int version, boolean created) {
}
