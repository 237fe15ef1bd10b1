package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;

/**
 * The account's meter was replaced at {@code replacedAt} by the meter {@code newSerialNumber}.
 * The old series ended with the reading at {@code lastReadingAt} ({@code null} if it never
 * reported); the new meter's first reading after {@code replacedAt} is a baseline.
 */
public record MeterReplaced(MeterId meterId, String newSerialNumber, Instant lastReadingAt, Instant replacedAt,
                            Instant at) implements AccountEvent {
}
