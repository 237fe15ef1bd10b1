package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every version of one tariff. The version in force at an instant is the one with the latest
 * {@code validFrom} at or before it; of two with the same {@code validFrom}, the later-defined wins.
 * A tariff belongs to one retailer, whose accounts alone may use it.
 */
public record TariffHistory(TariffId tariffId, List<TariffVersion> versions, RetailerId retailerId) {

    private static final Comparator<TariffVersion> PRECEDENCE = Comparator
            .comparing((TariffVersion v) -> v.definition().validFrom())
            .thenComparingInt(TariffVersion::version);

    public TariffHistory {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a tariff history has at least one version");
        }
        java.util.Objects.requireNonNull(retailerId, "retailerId");
    }

    /** A tariff of the deployment's default retailer. */
    public TariffHistory(TariffId tariffId, List<TariffVersion> versions) {
        this(tariffId, versions, RetailerId.DEFAULT);
    }

    public Optional<TariffVersion> versionAt(Instant at) {
        return versions.stream()
                .filter(v -> !v.definition().validFrom().isAfter(at))
                .max(PRECEDENCE);
    }

    public Optional<TariffVersion> version(int number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    public TariffVersion latest() {
        return versions.get(versions.size() - 1);
    }
}
