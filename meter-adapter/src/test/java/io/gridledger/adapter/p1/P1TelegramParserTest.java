package io.gridledger.adapter.p1;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Golden telegrams: {@code kaifa-dsmr42.txt} is a Kaifa meter's DSMR 4.2 telegram with its own CRC;
 * {@code iskra-dsmr50-wrong-crc.txt} is an Iskra DSMR 5.0 telegram whose CRC does not match its
 * bytes (both as published in the test data of the dsmr_parser project).
 */
class P1TelegramParserTest {

    @Test
    void aRealTelegramBecomesExactRegistersInWh() throws IOException {
        P1Telegram t = P1TelegramParser.parse(resource("kaifa-dsmr42.txt"));

        assertThat(t.identification()).isEqualTo("KFM5KAIFA-METER");
        assertThat(t.version()).isEqualTo("42");
        assertThat(t.equipmentId()).isEqualTo("3960221976967177082151037881335713");
        // 161113205757W: 13 Nov 2016 20:57:57 winter time (UTC+1)
        assertThat(t.timestamp()).isEqualTo(Instant.parse("2016-11-13T19:57:57Z"));
        assertThat(t.importWh()).isEqualTo(1_581_123L + 1_435_706L);
        assertThat(t.exportWh()).isZero();
        assertThat(t.powerW()).isEqualByComparingTo("2027");
        assertThat(t.currentL1A()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(t.voltageL1V()).isNull();
        assertThat(t.powerFailures()).isEqualTo(15);
        assertThat(t.longPowerFailures()).isEqualTo(7);
        assertThat(t.voltageSags()).isZero();
        assertThat(t.toReading().activeImportWh()).isEqualTo(3_016_829L);
        assertThat(t.toReading().activeExportWh()).isZero();
    }

    @Test
    void aTelegramWhoseBytesDoNotMatchItsCrcIsRefused() throws IOException {
        assertThatThrownBy(() -> P1TelegramParser.parse(resource("iskra-dsmr50-wrong-crc.txt")))
                .isInstanceOf(InvalidTelegramException.class).hasMessageContaining("87B3").hasMessageContaining("6EEE");
    }

    @Test
    void oneChangedDigitIsCaughtByTheCrc() throws IOException {
        String changed = resource("kaifa-dsmr42.txt").replace("1-0:1.8.1(001581.123*kWh)", "1-0:1.8.1(001581.124*kWh)");
        assertThatThrownBy(() -> P1TelegramParser.parse(changed)).isInstanceOf(InvalidTelegramException.class)
                .hasMessageContaining("CRC mismatch");
    }

    @Test
    void aTelegramCutShortOrWithoutCrcIsRefused() throws IOException {
        String telegram = resource("kaifa-dsmr42.txt");
        assertThatThrownBy(() -> P1TelegramParser.parse(telegram.substring(0, telegram.indexOf('!'))))
                .isInstanceOf(InvalidTelegramException.class);
        assertThatThrownBy(() -> P1TelegramParser.parse(telegram.substring(0, telegram.indexOf('!') + 1)))
                .isInstanceOf(InvalidTelegramException.class).hasMessageContaining("no CRC");
    }

    @Test
    void crcIsTheArcVariantDsmrSpecifies() {
        // CRC-16/ARC check value for "123456789"
        assertThat(P1TelegramParser.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xBB3D);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = P1TelegramParserTest.class.getResourceAsStream("/p1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
