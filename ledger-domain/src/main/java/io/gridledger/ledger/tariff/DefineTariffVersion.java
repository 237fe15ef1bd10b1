package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Adds a version to a tariff (creating the tariff on its first version, owned by {@code retailerId};
 * only that retailer may add versions).
 */
public record DefineTariffVersion(@TargetAggregateIdentifier TariffId tariffId, TariffDefinition definition,
                                  Instant at, RetailerId retailerId) {

    public DefineTariffVersion {
        java.util.Objects.requireNonNull(retailerId, "retailerId");
    }

    /** A version of a tariff of the deployment's default retailer. */
    public DefineTariffVersion(TariffId tariffId, TariffDefinition definition, Instant at) {
        this(tariffId, definition, at, RetailerId.DEFAULT);
    }
}
