package io.gridledger.ledger.value;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A window of local time on some days of the week, as used by time-of-use bands and friendly-credit
 * calendars. On each listed day it covers {@code [from, to)}; when {@code from} is after {@code to}
 * it wraps around midnight and covers {@code [00:00, to)} and {@code [from, 24:00)} of that same
 * day; {@code from == to} covers the whole day.
 */
public record WeeklyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public static final int SECONDS_PER_DAY = 24 * 3600;

    public WeeklyWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("days must list at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    public boolean appliesOn(DayOfWeek day) {
        return days.contains(day);
    }

    public boolean covers(DayOfWeek day, LocalTime time) {
        return covers(day, time.toSecondOfDay());
    }

    public boolean covers(DayOfWeek day, int secondOfDay) {
        if (!appliesOn(day)) {
            return false;
        }
        int f = from.toSecondOfDay();
        int t = to.toSecondOfDay();
        if (f == t) {
            return true;
        }
        return f < t ? secondOfDay >= f && secondOfDay < t : secondOfDay >= f || secondOfDay < t;
    }

    /** The second-of-day ranges this window covers on a day it applies to. */
    public List<SecondRange> rangesOfDay() {
        int f = from.toSecondOfDay();
        int t = to.toSecondOfDay();
        if (f == t) {
            return List.of(new SecondRange(0, SECONDS_PER_DAY));
        }
        if (f < t) {
            return List.of(new SecondRange(f, t));
        }
        return t == 0
                ? List.of(new SecondRange(f, SECONDS_PER_DAY))
                : List.of(new SecondRange(0, t), new SecondRange(f, SECONDS_PER_DAY));
    }

    /** A half-open range {@code [start, end)} of seconds of a local day. */
    public record SecondRange(int start, int end) {
        public boolean contains(int second) {
            return second >= start && second < end;
        }
    }
}
