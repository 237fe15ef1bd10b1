package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The meter of an account was replaced in the field at {@code replacedAt}. {@code finalReading},
 * when given, is the old meter's last reading and closes its series; the new meter's registers
 * start again, and its first reading after {@code replacedAt} is a baseline.
 */
public record ReplaceMeter(@TargetAggregateIdentifier MeterId meterId, String newSerialNumber,
                           RegisterReading finalReading, Instant replacedAt, Instant receivedAt) {

    public ReplaceMeter {
        if (newSerialNumber == null || newSerialNumber.isBlank()) {
            throw new InvalidAccountCommandException("newSerialNumber", "is required");
        }
        if (replacedAt == null) {
            throw new InvalidAccountCommandException("replacedAt", "is required");
        }
        if (finalReading != null && finalReading.at().isAfter(replacedAt)) {
            throw new InvalidAccountCommandException("finalReading.at", "must not be after replacedAt");
        }
    }
}
