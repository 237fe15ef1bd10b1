package io.gridledger.ledger.account;

import io.gridledger.ledger.value.WeeklyWindow;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.TreeSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When an exhausted account is not disconnected: weekly windows of local time (same rules as
 * tariff bands, but windows may overlap) and whole public holidays, in the account's time zone.
 */
public record FriendlyCreditCalendar(List<WeeklyWindow> weekly, Set<LocalDate> holidays) {

    private static final int MAX_STEPS = 800;

    public FriendlyCreditCalendar {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        holidays = holidays == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    }

    /** Weekdays 18:00–08:00 (evenings and early mornings) and whole weekends; no holidays listed. */
    public static FriendlyCreditCalendar standard() {
        return withHolidays(Set.of());
    }

    public static FriendlyCreditCalendar withHolidays(Set<LocalDate> holidays) {
        return new FriendlyCreditCalendar(List.of(
                new WeeklyWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(18, 0), LocalTime.of(8, 0)),
                new WeeklyWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)),
                holidays);
    }

    public static FriendlyCreditCalendar none() {
        return new FriendlyCreditCalendar(List.of(), Set.of());
    }

    public boolean isFriendly(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return coveringEnd(local.toLocalDate(), local.toLocalTime().toSecondOfDay()) >= 0;
    }

    /**
     * The instant the friendly period containing {@code at} ends (joined periods count as one), or
     * empty when {@code at} is not friendly.
     */
    public Optional<Instant> friendlyUntil(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        int second = local.toLocalTime().toSecondOfDay();
        int end = coveringEnd(day, second);
        if (end < 0) {
            return Optional.empty();
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            if (end >= WeeklyWindow.SECONDS_PER_DAY) {
                day = day.plusDays(1);
                second = 0;
            } else {
                second = end;
            }
            int next = coveringEnd(day, second);
            if (next < 0) {
                ZonedDateTime boundary = second == 0
                        ? day.atStartOfDay(zone)
                        : ZonedDateTime.of(day, LocalTime.ofSecondOfDay(second), zone);
                return Optional.of(boundary.toInstant());
            }
            end = next;
        }
        return Optional.of(day.atStartOfDay(zone).toInstant());
    }

    /** The end (second of day) of the furthest-reaching window covering that moment, or -1. */
    private int coveringEnd(LocalDate day, int secondOfDay) {
        if (holidays.contains(day)) {
            return WeeklyWindow.SECONDS_PER_DAY;
        }
        int end = -1;
        for (WeeklyWindow w : weekly) {
            if (w.appliesOn(day.getDayOfWeek())) {
                for (WeeklyWindow.SecondRange r : w.rangesOfDay()) {
                    if (r.contains(secondOfDay)) {
                        end = Math.max(end, r.end());
                    }
                }
            }
        }
        return end;
    }
}
