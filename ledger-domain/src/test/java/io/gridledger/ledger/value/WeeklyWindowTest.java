package io.gridledger.ledger.value;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklyWindowTest {

    private static WeeklyWindow window(Set<DayOfWeek> days, String from, String to) {
        return new WeeklyWindow(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    @Test
    void coversFromInclusiveToExclusiveOnListedDays() {
        WeeklyWindow day = window(EnumSet.of(MONDAY), "07:00", "23:00");
        assertThat(day.covers(MONDAY, LocalTime.parse("07:00"))).isTrue();
        assertThat(day.covers(MONDAY, LocalTime.parse("22:59:59"))).isTrue();
        assertThat(day.covers(MONDAY, LocalTime.parse("23:00"))).isFalse();
        assertThat(day.covers(MONDAY, LocalTime.parse("06:59:59"))).isFalse();
        assertThat(day.covers(TUESDAY, LocalTime.parse("12:00"))).isFalse();
    }

    @Test
    void aWrappingWindowCoversBothEndsOfTheSameDay() {
        WeeklyWindow night = window(EnumSet.of(MONDAY), "23:00", "07:00");
        assertThat(night.covers(MONDAY, LocalTime.parse("00:00"))).isTrue();
        assertThat(night.covers(MONDAY, LocalTime.parse("06:59:59"))).isTrue();
        assertThat(night.covers(MONDAY, LocalTime.parse("07:00"))).isFalse();
        assertThat(night.covers(MONDAY, LocalTime.parse("23:00"))).isTrue();
        // Tuesday early morning belongs to Tuesday's window, which this one does not list.
        assertThat(night.covers(TUESDAY, LocalTime.parse("01:00"))).isFalse();
    }

    @Test
    void equalFromAndToCoverTheWholeDay() {
        WeeklyWindow all = window(EnumSet.of(SATURDAY), "00:00", "00:00");
        assertThat(all.covers(SATURDAY, LocalTime.MIDNIGHT)).isTrue();
        assertThat(all.covers(SATURDAY, LocalTime.MAX)).isTrue();
        assertThat(window(EnumSet.of(SATURDAY), "06:00", "06:00").covers(SATURDAY, LocalTime.parse("05:00")))
                .isTrue();
    }

    @Test
    void aWindowEndingAtMidnightRunsToTheEndOfTheDay() {
        WeeklyWindow evening = window(EnumSet.of(MONDAY), "18:00", "00:00");
        assertThat(evening.covers(MONDAY, LocalTime.parse("23:59:59"))).isTrue();
        assertThat(evening.covers(MONDAY, LocalTime.parse("00:30"))).isFalse();
    }

    @Test
    void needsAtLeastOneDay() {
        assertThatThrownBy(() -> window(Set.of(), "00:00", "01:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
