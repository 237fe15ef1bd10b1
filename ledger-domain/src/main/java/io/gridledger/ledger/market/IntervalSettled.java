package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A cleared interval was settled against the meters: every trade with what was delivered and the
 * money of it, the measurements used, the participants whose readings were missing (their trades
 * were settled as undelivered), and the certificates issued.
 */
public record IntervalSettled(CommunityId communityId, Instant intervalStart, Instant intervalEnd,
                              BigDecimal pricePerKwh, List<TradeSettlement> trades,
                              List<MeasuredInterval> measurements, List<MeterId> unmeasured,
                              List<GreenCertificate> certificates, Instant at) {

    public IntervalSettled {
        trades = List.copyOf(trades);
        measurements = List.copyOf(measurements);
        unmeasured = List.copyOf(unmeasured);
        certificates = List.copyOf(certificates);
    }
}
