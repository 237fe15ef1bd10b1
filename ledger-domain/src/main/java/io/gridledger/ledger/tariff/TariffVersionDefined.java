package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;

import java.time.Instant;

/**
 * A tariff of {@code retailerId} got a new version, numbered from 1 (events written before tariffs
 * named their retailer belong to {@link RetailerId#DEFAULT}).
 */
public record TariffVersionDefined(TariffId tariffId, int version, TariffDefinition definition, Instant definedAt,
                                   RetailerId retailerId) {

    public TariffVersionDefined {
        retailerId = retailerId == null ? RetailerId.DEFAULT : retailerId;
    }

    /** A version of a tariff of the deployment's default retailer. */
    public TariffVersionDefined(TariffId tariffId, int version, TariffDefinition definition, Instant definedAt) {
        this(tariffId, version, definition, definedAt, RetailerId.DEFAULT);
    }
}
