package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.util.List;

/**
 * One delivery's accepted readings, with the import each measured and what it cost. The balance
 * went down by {@code charged} (the sum of every interval's charges) to {@code balanceAfter}.
 * {@code duplicates} counts readings of the delivery that repeated accepted ones and were ignored.
 */
public record MeterReadingsRecorded(MeterId meterId, List<AcceptedInterval> intervals, Money charged,
                                    Money balanceAfter, int duplicates, Instant receivedAt) {

    public MeterReadingsRecorded {
        intervals = List.copyOf(intervals);
    }
}
