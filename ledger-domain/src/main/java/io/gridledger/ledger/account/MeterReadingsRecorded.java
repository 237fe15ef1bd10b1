package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One delivery's accepted readings, with the energy each measured and how it was settled. The
 * balance went down by {@code charged} (the sum of every interval's import charges) and up by
 * {@code credited} (the sum of its net-billing export credits) to {@code balanceAfter}.
 * {@code duplicates} counts readings of the delivery that repeated accepted ones and were ignored.
 * {@code firstOpenPeriod} is the account's earliest settlement period still open: an interval of
 * an earlier, closed period is booked there as a late adjustment.
 */
public record MeterReadingsRecorded(MeterId meterId, List<AcceptedInterval> intervals, Money charged,
                                    Money credited, Money balanceAfter, int duplicates, YearMonth firstOpenPeriod,
                                    Instant receivedAt) implements AccountEvent {

    public MeterReadingsRecorded {
        intervals = List.copyOf(intervals);
        credited = credited == null ? Money.zero(charged.currency()) : credited;
    }
}
