package io.gridledger.api.tariff;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;

import java.time.Instant;
import java.util.List;

/**
 * A tariff: the latest version's fields at the top level (same shape as the PUT body), its
 * number, and every version with when it was defined.
 */
public record TariffResponse(String tariffId, int version, Instant definedAt,
                             @JsonUnwrapped TariffDocument definition, List<VersionJson> versions) {

    public record VersionJson(int version, Instant definedAt, TariffDocument tariff) {
    }

    static TariffResponse of(TariffHistory history) {
        TariffVersion latest = history.latest();
        return new TariffResponse(history.tariffId().value(), latest.version(), latest.definedAt(),
                TariffDocument.of(latest.definition()),
                history.versions().stream()
                        .map(v -> new VersionJson(v.version(), v.definedAt(), TariffDocument.of(v.definition())))
                        .toList());
    }
}
