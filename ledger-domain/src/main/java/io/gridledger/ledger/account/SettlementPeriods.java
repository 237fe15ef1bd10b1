package io.gridledger.ledger.account;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * An account is settled per calendar month in its own time zone. An interval belongs to the
 * period in which it ends, read as {@code (start, end]}: a quarter hour ending at midnight on the
 * first of the month still belongs to the month before. A period closes by itself once
 * {@link #GRACE} has passed after its end, leaving time for late readings.
 */
public final class SettlementPeriods {

    public static final Duration GRACE = Duration.ofDays(3);

    private SettlementPeriods() {
    }

    /** The period of an interval or event ending at {@code end}. */
    public static YearMonth periodEnding(Instant end, ZoneId zone) {
        return YearMonth.from(end.minusNanos(1).atZone(zone));
    }

    /** The period that contains the instant {@code at} (for events at one moment, such as top-ups). */
    public static YearMonth periodAt(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone));
    }

    public static Instant startOf(YearMonth period, ZoneId zone) {
        return period.atDay(1).atStartOfDay(zone).toInstant();
    }

    public static Instant endOf(YearMonth period, ZoneId zone) {
        return startOf(period.plusMonths(1), zone);
    }

    /** When the period closes by itself. */
    public static Instant closesAt(YearMonth period, ZoneId zone) {
        return endOf(period, zone).plus(GRACE);
    }
}
