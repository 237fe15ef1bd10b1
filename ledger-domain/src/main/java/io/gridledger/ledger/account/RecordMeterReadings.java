package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Records one delivery of 1..N interval readings from a meter, received at {@code receivedAt}. */
public record RecordMeterReadings(@TargetAggregateIdentifier MeterId meterId, List<RegisterReading> readings,
                                  Instant receivedAt) {

    public RecordMeterReadings {
        readings = List.copyOf(readings);
        if (readings.isEmpty()) {
            throw new InvalidAccountCommandException("readings", "a delivery holds at least one reading");
        }
    }
}
