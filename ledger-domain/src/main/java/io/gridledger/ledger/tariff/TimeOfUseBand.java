package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.WeeklyWindow;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** An import price (gross, per kWh) applying during a weekly window of local time. */
public record TimeOfUseBand(WeeklyWindow window, BigDecimal pricePerKwh) {

    public TimeOfUseBand {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(pricePerKwh, "pricePerKwh");
    }

    /** A stable human-readable name such as {@code MON,TUE 07:00-23:00}, used on ledger lines. */
    public String label() {
        String days = window.days().stream().sorted()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(","));
        return days + " " + window.from() + "-" + window.to();
    }

    boolean covers(DayOfWeek day, int secondOfDay) {
        return window.appliesOn(day) && window.rangesOfDay().stream().anyMatch(r -> r.contains(secondOfDay));
    }
}
