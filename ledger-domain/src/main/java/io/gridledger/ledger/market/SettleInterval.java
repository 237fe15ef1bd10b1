package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Settles a cleared interval on what its meters measured. A participant without a measurement
 * (its readings have not arrived by the deadline) delivered nothing. Settling again changes nothing.
 */
public record SettleInterval(CommunityId communityId, Instant intervalStart, List<MeasuredInterval> measurements,
                             Instant at) {

    public SettleInterval {
        measurements = List.copyOf(measurements);
    }

    @TargetAggregateIdentifier
    public String intervalKey() {
        return MarketIntervalKey.of(communityId, intervalStart);
    }
}
