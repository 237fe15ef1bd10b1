package io.gridledger.adapter.simulation;

import io.gridledger.adapter.p1.P1TelegramParser;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes DSMR 5.0 P1 telegrams as a Dutch meter's P1 port does (CR LF lines, CRC16 over {@code /}…{@code !}),
 * for simulated prosumer meters and tests.
 */
public final class P1TelegramSource {

    private static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter TST = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    private P1TelegramSource() {
    }

    /** A telegram at {@code at}: import split over tariffs 1 and 2, export on tariff 1, power in W. */
    public static String telegram(String equipmentId, Instant at, long importT1Wh, long importT2Wh, long exportWh,
                                  long powerW) {
        ZonedDateTime local = at.atZone(NETHERLANDS);
        boolean summer = NETHERLANDS.getRules().isDaylightSavings(at);
        String body = "/ISK5\\2M550T-1012\r\n\r\n"
                + "1-3:0.2.8(50)\r\n"
                + "0-0:1.0.0(" + TST.format(local) + (summer ? "S" : "W") + ")\r\n"
                + "0-0:96.1.1(" + equipmentId + ")\r\n"
                + "1-0:1.8.1(" + kwh(importT1Wh) + "*kWh)\r\n"
                + "1-0:1.8.2(" + kwh(importT2Wh) + "*kWh)\r\n"
                + "1-0:2.8.1(" + kwh(exportWh) + "*kWh)\r\n"
                + "1-0:2.8.2(" + kwh(0) + "*kWh)\r\n"
                + "0-0:96.14.0(0001)\r\n"
                + "1-0:1.7.0(" + kw(Math.max(powerW, 0)) + "*kW)\r\n"
                + "1-0:2.7.0(" + kw(Math.max(-powerW, 0)) + "*kW)\r\n"
                + "0-0:96.7.21(00003)\r\n"
                + "0-0:96.7.9(00001)\r\n"
                + "1-0:32.32.0(00000)\r\n"
                + "1-0:32.36.0(00000)\r\n"
                + "1-0:32.7.0(230.1*V)\r\n"
                + "1-0:31.7.0(002*A)\r\n"
                + "!";
        return body + String.format("%04X", P1TelegramParser.crc16(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                + "\r\n";
    }

    private static String kwh(long wh) {
        return String.format("%010.3f", BigDecimal.valueOf(wh).movePointLeft(3));
    }

    private static String kw(long w) {
        return String.format("%06.3f", BigDecimal.valueOf(w).movePointLeft(3));
    }
}
