package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.TariffId;

import java.util.Optional;

/**
 * Where command handlers look up a tariff's versions. The application implements it on top of the
 * event store, so a charge always sees every version that has been defined.
 */
public interface TariffBook {

    Optional<TariffHistory> find(TariffId tariffId);
}
