package io.gridledger.ledger.support;

import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link TariffBook} port backed by a map: versions are numbered 1, 2, … in the order defined. */
public final class InMemoryTariffBook implements TariffBook {

    private final Map<TariffId, List<TariffVersion>> versions = new HashMap<>();
    private final Map<TariffId, RetailerId> owners = new HashMap<>();

    public InMemoryTariffBook define(TariffId tariffId, TariffDefinition definition) {
        return define(tariffId, definition, RetailerId.DEFAULT);
    }

    public InMemoryTariffBook define(TariffId tariffId, TariffDefinition definition, RetailerId retailerId) {
        owners.putIfAbsent(tariffId, retailerId);
        List<TariffVersion> list = versions.computeIfAbsent(tariffId, id -> new ArrayList<>());
        list.add(new TariffVersion(list.size() + 1, definition, definition.validFrom()));
        return this;
    }

    @Override
    public Optional<TariffHistory> find(TariffId tariffId) {
        List<TariffVersion> list = versions.get(tariffId);
        return list == null ? Optional.empty() : Optional.of(new TariffHistory(tariffId, list, owners.get(tariffId)));
    }
}
