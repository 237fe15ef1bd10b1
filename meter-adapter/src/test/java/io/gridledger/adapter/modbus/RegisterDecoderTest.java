package io.gridledger.adapter.modbus;

import io.gridledger.ledger.account.RegisterReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Golden register words (IEEE-754 float32 as meters send them) decoded into exact values. */
class RegisterDecoderTest {

    @Test
    void float32HighWordFirstAsEastronSendsIt() {
        // 230.1 V = 0x4366 0x199A; 1234.567 kWh = 0x449A 0x5225; 49.98 Hz = 0x4247 0xEB85
        assertThat(RegisterDecoder.decode(new int[] {0x4366, 0x199A}, 0, RegisterType.FLOAT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("230.1");
        assertThat(RegisterDecoder.decode(new int[] {0x449A, 0x5225}, 0, RegisterType.FLOAT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("1234.567");
        assertThat(RegisterDecoder.decode(new int[] {0, 0x4247, 0xEB85}, 1, RegisterType.FLOAT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("49.98");
    }

    @Test
    void wordSwappedFloat32() {
        assertThat(RegisterDecoder.decode(new int[] {0x199A, 0x4366}, 0, RegisterType.FLOAT32, WordOrder.LOW_FIRST))
                .isEqualByComparingTo("230.1");
    }

    @Test
    void integers() {
        // 1,234,567 = 0x0012 0xD687; −2 = 0xFFFF 0xFFFE
        assertThat(RegisterDecoder.decode(new int[] {0x0012, 0xD687}, 0, RegisterType.INT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("1234567");
        assertThat(RegisterDecoder.decode(new int[] {0xD687, 0x0012}, 0, RegisterType.INT32, WordOrder.LOW_FIRST))
                .isEqualByComparingTo("1234567");
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF, 0xFFFE}, 0, RegisterType.INT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("-2");
        assertThat(RegisterDecoder.decode(new int[] {0xFFFF, 0xFFFE}, 0, RegisterType.UINT32, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("4294967294");
        assertThat(RegisterDecoder.decode(new int[] {0xFFFE}, 0, RegisterType.INT16, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("-2");
        assertThat(RegisterDecoder.decode(new int[] {0xFFFE}, 0, RegisterType.UINT16, WordOrder.HIGH_FIRST))
                .isEqualByComparingTo("65534");
    }

    @Test
    void aRegisterThatHoldsNoNumberIsRefused() {
        // 0x7FC0 0x0000 is NaN, what some meters report for a value they do not measure
        assertThatThrownBy(() -> RegisterDecoder.decode(new int[] {0x7FC0, 0}, 0, RegisterType.FLOAT32,
                WordOrder.HIGH_FIRST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegisterDecoder.decode(new int[] {0x4366}, 0, RegisterType.FLOAT32,
                WordOrder.HIGH_FIRST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anSdm630RegisterBlockBecomesAReadingInWh() {
        RegisterMap sdm630 = RegisterMap.of("SDM630");
        assertThat(sdm630.span(RegisterPoint.Table.INPUT)).containsExactly(0, 76);
        int[] words = new int[76];
        put(words, 0, 0x4366, 0x199A);    // L1 230.1 V
        put(words, 6, 0x40A8, 0x0000);    // L1 5.25 A
        put(words, 52, 0x44E1, 0x4000);   // total 1802 W
        put(words, 72, 0x449A, 0x5225);   // import 1234.567 kWh
        put(words, 74, 0x47C0, 0xE6B7);   // export 98765.43 kWh
        Instant at = Instant.parse("2026-11-28T10:15:00Z");

        RegisterReading r = ModbusMeterReader.toReading(sdm630, Map.of(RegisterPoint.Table.INPUT, words),
                Map.of(RegisterPoint.Table.INPUT, 0), at);

        assertThat(r.at()).isEqualTo(at);
        assertThat(r.activeImportWh()).isEqualTo(1_234_567L);
        assertThat(r.activeExportWh()).isEqualTo(98_765_430L);
        assertThat(r.voltageV()).isEqualByComparingTo("230.1");
        assertThat(r.currentA()).isEqualByComparingTo("5.25");
        assertThat(r.powerW()).isEqualByComparingTo("1802");
    }

    @Test
    void unknownModelsAndFieldsAreRefused() {
        assertThatThrownBy(() -> RegisterMap.of("XYZ123")).hasMessageContaining("SDM630");
        assertThat(RegisterMap.of("SDM120").points()).extracting(RegisterPoint::field).contains("activeImportWh");
    }

    private static void put(int[] words, int at, int high, int low) {
        words[at] = high;
        words[at + 1] = low;
    }
}
