package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A meter's tamper and power-quality events, received at {@code receivedAt} (the ledger's clock). */
public record RecordMeterEvents(@TargetAggregateIdentifier MeterId meterId, List<MeterEvent> events,
                                Instant receivedAt) {

    public RecordMeterEvents {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new InvalidAccountCommandException("events", "at least one event");
        }
    }
}
