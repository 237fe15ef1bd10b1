package io.gridledger.ledger.account;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterReadingTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private static RegisterReading withVoltage(String volts) {
        return new RegisterReading(AT, 1_000, null, null, null, null, null, new BigDecimal(volts), null, null);
    }

    @Test
    void keepsInstantaneousValuesExactly() {
        assertThat(withVoltage("230.1000").voltageV()).isEqualByComparingTo("230.1");
        assertThat(withVoltage("2.3E+2").voltageV()).isEqualTo(new BigDecimal("230"));
    }

    @Test
    void refusesValuesNoMeterMeasuresThatWouldBloatEveryEventHoldingThem() {
        assertThatThrownBy(() -> withVoltage("1e99999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("voltageV");
        assertThatThrownBy(() -> withVoltage("1234567890")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withVoltage("230.0000001")).isInstanceOf(IllegalArgumentException.class);
        assertThat(withVoltage("123456789.123456").voltageV()).isEqualByComparingTo("123456789.123456");
    }
}
