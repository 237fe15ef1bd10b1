package io.gridledger.ledger.account;

import io.gridledger.ledger.value.WeeklyWindow;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.local;
import static org.assertj.core.api.Assertions.assertThat;

/** The standard calendar: weekdays 18:00–08:00 and whole weekends are friendly. 2025-03-03 is a Monday. */
class FriendlyCreditCalendarTest {

    private final FriendlyCreditCalendar standard = FriendlyCreditCalendar.standard();

    @Test
    void aWeekdayDaytimeIsNotFriendly() {
        assertThat(standard.isFriendly(local("2025-03-04T12:00"), AMSTERDAM)).isFalse();
        assertThat(standard.friendlyUntil(local("2025-03-04T08:00"), AMSTERDAM)).isEmpty();
        assertThat(standard.friendlyUntil(local("2025-03-04T17:59:59"), AMSTERDAM)).isEmpty();
    }

    @Test
    void aWeekdayEveningIsFriendlyUntilEightTheNextMorning() {
        assertThat(standard.friendlyUntil(local("2025-03-04T18:00"), AMSTERDAM)).contains(local("2025-03-05T08:00"));
        assertThat(standard.friendlyUntil(local("2025-03-04T23:59"), AMSTERDAM)).contains(local("2025-03-05T08:00"));
    }

    @Test
    void anEarlyWeekdayMorningIsFriendlyUntilEight() {
        assertThat(standard.friendlyUntil(local("2025-03-05T03:00"), AMSTERDAM)).contains(local("2025-03-05T08:00"));
    }

    @Test
    void aFridayEveningIsFriendlyUntilMondayMorning() {
        assertThat(standard.friendlyUntil(local("2025-03-07T19:00"), AMSTERDAM)).contains(local("2025-03-10T08:00"));
        assertThat(standard.friendlyUntil(local("2025-03-09T12:00"), AMSTERDAM)).contains(local("2025-03-10T08:00"));
    }

    @Test
    void aWeekendAcrossTheDstChangeEndsAtEightLocalTime() {
        // Monday 31 March 08:00 CEST is 06:00Z.
        assertThat(standard.friendlyUntil(local("2025-03-28T19:00"), AMSTERDAM))
                .contains(Instant.parse("2025-03-31T06:00:00Z"));
    }

    @Test
    void aHolidayIsFriendlyAllDayAndJoinsTheNextNight() {
        FriendlyCreditCalendar calendar = FriendlyCreditCalendar.withHolidays(Set.of(LocalDate.of(2025, 3, 5)));
        assertThat(calendar.friendlyUntil(local("2025-03-05T12:00"), AMSTERDAM)).contains(local("2025-03-06T08:00"));
        // The evening before a holiday runs on into it.
        assertThat(calendar.friendlyUntil(local("2025-03-04T20:00"), AMSTERDAM)).contains(local("2025-03-06T08:00"));
        assertThat(standard.isFriendly(local("2025-03-05T12:00"), AMSTERDAM)).isFalse();
    }

    @Test
    void aMondayHolidayExtendsTheWeekend() {
        FriendlyCreditCalendar calendar = FriendlyCreditCalendar.withHolidays(Set.of(LocalDate.of(2025, 3, 10)));
        assertThat(calendar.friendlyUntil(local("2025-03-07T19:00"), AMSTERDAM)).contains(local("2025-03-11T08:00"));
    }

    @Test
    void noneIsNeverFriendly() {
        FriendlyCreditCalendar none = FriendlyCreditCalendar.none();
        assertThat(none.isFriendly(local("2025-03-08T12:00"), AMSTERDAM)).isFalse();
        assertThat(none.friendlyUntil(local("2025-03-04T23:00"), AMSTERDAM)).isEmpty();
    }

    @Test
    void overlappingWindowsCountAsOnePeriod() {
        FriendlyCreditCalendar calendar = new FriendlyCreditCalendar(List.of(
                new WeeklyWindow(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(12, 0), LocalTime.of(15, 0)),
                new WeeklyWindow(EnumSet.of(DayOfWeek.TUESDAY), LocalTime.of(14, 0), LocalTime.of(16, 0))),
                Set.of());
        assertThat(calendar.friendlyUntil(local("2025-03-04T12:30"), AMSTERDAM)).contains(local("2025-03-04T16:00"));
    }
}
