package io.gridledger.testsupport;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The one "now" of a test JVM: the system clock moved by {@code gridledger.test.clock-shift} (an
 * ISO-8601 duration, default zero). The application under test reads the same clock (see
 * {@link ShiftedApplicationClock}), so a test that computes its dates from {@link #now()} agrees with
 * the ledger on any day, and the build runs the time-sensitive classes once more with the clock a
 * year ahead to prove that no literal date in them can be overtaken by the calendar.
 */
public final class TestClock {

    public static final String SHIFT_PROPERTY = "gridledger.test.clock-shift";

    private TestClock() {
    }

    public static Duration shift() {
        String value = System.getProperty(SHIFT_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SHIFT_PROPERTY + " must be an ISO-8601 duration such as P366D, not '"
                    + value + "'", e);
        }
    }

    /** The system clock in UTC, shifted. */
    public static Clock clock() {
        Duration shift = shift();
        return shift.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), shift);
    }

    public static Instant now() {
        return clock().instant();
    }

    /** The start of the next whole hour after now: a tidy base for interval readings that lie ahead. */
    public static Instant nextHour() {
        return now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    /** {@code day} at {@code hour}:00 in {@code zone}, at least one whole day after now. */
    public static ZonedDateTime next(DayOfWeek day, int hour, ZoneId zone) {
        ZonedDateTime tomorrow = now().atZone(zone).plusDays(1).truncatedTo(ChronoUnit.DAYS);
        return tomorrow.with(TemporalAdjusters.nextOrSame(day)).withHour(hour);
    }

    /** The first instant after now at which {@code zone} turns its clocks back (autumn), or none if it never does. */
    public static Instant nextClocksGoBack(ZoneId zone) {
        Instant at = now();
        for (int i = 0; i < 8; i++) {
            var transition = zone.getRules().nextTransition(at);
            if (transition == null) {
                break;
            }
            if (transition.isOverlap()) {
                return transition.getInstant();
            }
            at = transition.getInstant();
        }
        throw new IllegalArgumentException(zone + " has no autumn clock change ahead");
    }
}
