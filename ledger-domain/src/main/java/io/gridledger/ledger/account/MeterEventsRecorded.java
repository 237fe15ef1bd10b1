package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;

import java.time.Instant;
import java.util.List;

/** Tamper and power-quality events the account had not seen before, in the order the meter reported them. */
public record MeterEventsRecorded(MeterId meterId, List<MeterEvent> events, Instant receivedAt)
        implements AccountEvent {

    public MeterEventsRecorded {
        events = List.copyOf(events);
    }
}
