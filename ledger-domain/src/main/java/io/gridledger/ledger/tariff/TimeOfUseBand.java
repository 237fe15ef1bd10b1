package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.WeeklyWindow;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Objects;

/** An import price (gross, per kWh) applying during a weekly window of local time. */
public record TimeOfUseBand(WeeklyWindow window, BigDecimal pricePerKwh) {

    public TimeOfUseBand {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(pricePerKwh, "pricePerKwh");
        pricePerKwh = ImportPricing.canonical(pricePerKwh);
    }

    /** A stable human-readable name such as {@code MON,TUE 07:00-23:00}, used on ledger lines. */
    public String label() {
        StringBuilder sb = new StringBuilder(40);
        for (DayOfWeek day : window.days()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(day.name(), 0, 3);
        }
        return sb.append(' ').append(window.from()).append('-').append(window.to()).toString();
    }

    boolean covers(DayOfWeek day, int secondOfDay) {
        return window.covers(day, secondOfDay);
    }
}
