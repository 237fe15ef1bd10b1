package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;
import java.util.List;

/** Readings of a delivery that were not accepted, with reasons; nothing was charged for them. */
public record MeterReadingsRejected(MeterId meterId, List<RejectedReading> readings, Instant receivedAt) implements AccountEvent {

    public MeterReadingsRejected {
        readings = List.copyOf(readings);
    }
}
