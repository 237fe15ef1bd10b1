package io.gridledger.api.input;

import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns request fields into domain values, or fails with a 400 naming the field. The one place
 * where wire formats (decimal strings, ISO-8601 times, zone ids) are parsed.
 */
public final class Fields {

    private Fields() {
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL =
            java.util.regex.Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,10})?");
    private static final java.util.regex.Pattern HOST =
            java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]+]?");
    private static final java.util.regex.Pattern SERIAL = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InvalidRequestException(field, field + " is required");
        }
        return value;
    }

    /** Builds an identifier or value type, turning its own validation failure into a 400 on {@code field}. */
    public static <T> T value(String raw, String field, Function<String, T> constructor) {
        required(raw, field);
        try {
            return constructor.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    public static Money money(MoneyJson json, String field) {
        required(json, field);
        BigDecimal amount = decimal(json.amount(), field + ".amount");
        Currency currency = currency(json.currency(), field + ".currency");
        try {
            return new Money(amount, currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + ".amount", e.getMessage());
        }
    }

    public static Currency currency(String code, String field) {
        required(code, field);
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    /**
     * A plain decimal: digits with an optional point, at most 15 before and 10 after it. No exponent
     * ({@code 1e99999} would be a 100,000-digit number once written out), no NaN or infinity.
     */
    public static BigDecimal decimal(String raw, String field) {
        required(raw, field);
        String text = raw.trim();
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a plain decimal number such as 12.3456 "
                    + "(at most 15 digits before the point and 10 after it)");
        }
        return new BigDecimal(text);
    }

    /** An ISO-8601 instant between 1970 and 9999, with Z or an offset. */
    public static Instant instant(String raw, String field) {
        required(raw, field);
        Instant at;
        try {
            at = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            try {
                at = java.time.OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidRequestException(field,
                        "'" + raw + "' is not an ISO-8601 instant such as 2026-03-01T12:00:00Z");
            }
        }
        return withinBounds(at, field);
    }

    /** Refuses instants outside 1970…9999, which no meter, payment or statement can carry. */
    public static Instant withinBounds(Instant at, String field) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new InvalidRequestException(field, "'" + at + "' is outside 1970…9999");
        }
        return at;
    }

    /** Absent (null) means "not given"; a blank string is an error like any other malformed value. */
    public static Instant optionalInstant(String raw, String field) {
        return raw == null ? null : instant(raw, field);
    }

    /** A meter's serial number: 1–64 letters, digits and . _ : - (as printed on the meter). */
    public static String serialNumber(String raw, String field) {
        required(raw, field);
        if (raw.length() > 64 || !SERIAL.matcher(raw).matches()) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a serial number (1–64 letters, digits and . _ : -)");
        }
        return raw;
    }

    /** A host name or IP address a head-end can connect to. */
    public static String host(String raw, String field) {
        required(raw, field);
        if (raw.length() > 253 || !HOST.matcher(raw).matches()) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a host name or IP address");
        }
        return raw;
    }

    /** Free text such as an event's detail: at most {@code max} characters, no control characters. */
    public static String text(String raw, String field, int max) {
        if (raw == null) {
            return null;
        }
        if (raw.length() > max) {
            throw new InvalidRequestException(field, field + " must be at most " + max + " characters");
        }
        if (raw.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new InvalidRequestException(field, field + " must not contain control characters");
        }
        return raw;
    }

    public static ZoneId zone(String raw, String field) {
        required(raw, field);
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a time zone id such as Europe/Amsterdam");
        }
    }

    public static LocalTime localTime(String raw, String field) {
        required(raw, field);
        try {
            return LocalTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a local time HH:mm (00:00 to 23:59)");
        }
    }

    public static LocalDate date(String raw, String field) {
        required(raw, field);
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a date YYYY-MM-DD");
        }
    }

    /** Upper-case day names such as {@code ["MONDAY","TUESDAY"]}; at least one. */
    public static EnumSet<DayOfWeek> days(List<String> names, String field) {
        if (names == null || names.isEmpty()) {
            throw new InvalidRequestException(field, "list at least one day, e.g. [\"MONDAY\"]");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            String name = required(names.get(i), field + "[" + i + "]");
            try {
                days.add(DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(field + "[" + i + "]", "'" + name + "' is not a day of the week");
            }
        }
        return days;
    }

    /** One of an enum's constant names, case-insensitive. */
    public static <E extends Enum<E>> E choice(String raw, Class<E> type, String field) {
        required(raw, field);
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A settlement period, a calendar month written {@code YYYY-MM}. */
    public static YearMonth period(String raw, String field) {
        required(raw, field);
        try {
            return YearMonth.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "'" + raw + "' is not a period YYYY-MM, e.g. 2026-11");
        }
    }
}
