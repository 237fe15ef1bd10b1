package io.gridledger.adapter.p1;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads DSMR P1 telegrams (P1 companion standard 4.x / 5.0.2): {@code /XXXZ ident CR LF CR LF},
 * data lines {@code OBIS(value)(value)…}, then {@code !} and a CRC16 (polynomial 0xA001, LSB
 * first, initial value 0) over every byte from {@code /} up to and including {@code !}, in four
 * upper-case hex digits. A telegram without its CRC, with a wrong one, or without the energy
 * registers is refused: a damaged telegram must never become a reading.
 */
public final class P1TelegramParser {

    private static final Pattern LINE = Pattern.compile("^(\\d+-\\d+:\\d+\\.\\d+\\.\\d+)((?:\\([^)]*\\))+)$");
    private static final Pattern GROUP = Pattern.compile("\\(([^)]*)\\)");
    private static final DateTimeFormatter TST = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    /** Dutch and Belgian meters tell winter (W, UTC+1) or summer (S, UTC+2) time in the timestamp. */
    private static final ZoneOffset WINTER = ZoneOffset.ofHours(1);
    private static final ZoneOffset SUMMER = ZoneOffset.ofHours(2);

    private P1TelegramParser() {
    }

    public static P1Telegram parse(String text) {
        int start = text.indexOf('/');
        int end = text.indexOf('!', Math.max(start, 0));
        if (start < 0 || end < 0) {
            throw new InvalidTelegramException("not a P1 telegram: it must start with '/' and end with '!' and a CRC");
        }
        String crcText = text.substring(end + 1).strip();
        if (crcText.length() < 4 || !crcText.substring(0, 4).matches("[0-9A-Fa-f]{4}")) {
            throw new InvalidTelegramException("the telegram has no CRC after '!'");
        }
        int expected = Integer.parseInt(crcText.substring(0, 4), 16);
        int actual = crc16(text.substring(start, end + 1).getBytes(StandardCharsets.US_ASCII));
        if (expected != actual) {
            throw new InvalidTelegramException(String.format("CRC mismatch: the telegram says %04X, its bytes give %04X",
                    expected, actual));
        }
        List<String> lines = text.substring(start, end).lines().toList();
        String identification = lines.get(0).substring(1).strip();
        Map<String, List<String>> values = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                Matcher g = GROUP.matcher(m.group(2));
                List<String> groups = new ArrayList<>();
                while (g.find()) {
                    groups.add(g.group(1));
                }
                values.put(m.group(1), groups);
            }
        }
        return new P1Telegram(identification, first(values, "1-3:0.2.8"), first(values, "0-0:96.1.1"),
                timestamp(required(values, "0-0:1.0.0")),
                wh(values, "1-0:1.8.1") + wh(values, "1-0:1.8.2"),
                wh(values, "1-0:2.8.1") + wh(values, "1-0:2.8.2"),
                quantity(values, "1-0:1.7.0", "kW").subtract(quantity(values, "1-0:2.7.0", "kW"))
                        .movePointRight(3).stripTrailingZeros(),
                optionalQuantity(values, "1-0:32.7.0", "V"), optionalQuantity(values, "1-0:31.7.0", "A"),
                count(values, "0-0:96.7.21"), count(values, "0-0:96.7.9"),
                count(values, "1-0:32.32.0") + count(values, "1-0:52.32.0") + count(values, "1-0:72.32.0"),
                count(values, "1-0:32.36.0") + count(values, "1-0:52.36.0") + count(values, "1-0:72.36.0"));
    }

    /** CRC-16/ARC as DSMR specifies it. */
    public static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    private static String first(Map<String, List<String>> values, String obis) {
        List<String> v = values.get(obis);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String required(Map<String, List<String>> values, String obis) {
        String v = first(values, obis);
        if (v == null || v.isEmpty()) {
            throw new InvalidTelegramException("the telegram has no " + obis);
        }
        return v;
    }

    private static Instant timestamp(String tst) {
        if (tst.length() != 13 || (tst.charAt(12) != 'W' && tst.charAt(12) != 'S')) {
            throw new InvalidTelegramException("timestamp 0-0:1.0.0 is not YYMMDDhhmmssX: " + tst);
        }
        try {
            return LocalDateTime.parse(tst.substring(0, 12), TST).toInstant(tst.charAt(12) == 'S' ? SUMMER : WINTER);
        } catch (DateTimeParseException e) {
            throw new InvalidTelegramException("timestamp 0-0:1.0.0 is not a date: " + tst);
        }
    }

    private static long wh(Map<String, List<String>> values, String obis) {
        try {
            return quantity(values, obis, "kWh").movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidTelegramException(obis + " is not a whole number of Wh");
        }
    }

    private static BigDecimal quantity(Map<String, List<String>> values, String obis, String unit) {
        BigDecimal q = optionalQuantity(values, obis, unit);
        if (q == null) {
            throw new InvalidTelegramException("the telegram has no " + obis);
        }
        return q;
    }

    private static BigDecimal optionalQuantity(Map<String, List<String>> values, String obis, String unit) {
        String v = first(values, obis);
        if (v == null || v.isEmpty()) {
            return null;
        }
        int star = v.indexOf('*');
        if (star < 0 || !v.substring(star + 1).equals(unit)) {
            throw new InvalidTelegramException(obis + " must be in " + unit + ": " + v);
        }
        try {
            return new BigDecimal(v.substring(0, star));
        } catch (NumberFormatException e) {
            throw new InvalidTelegramException(obis + " is not a number: " + v);
        }
    }

    private static int count(Map<String, List<String>> values, String obis) {
        String v = first(values, obis);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidTelegramException(obis + " is not a count: " + v);
        }
    }
}
