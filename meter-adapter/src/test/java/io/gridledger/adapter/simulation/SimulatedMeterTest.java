package io.gridledger.adapter.simulation;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedMeterTest {

    @Test
    void registersOnlyEverGoUpAndStopWhileDisconnected() {
        SimulatedMeter meter = new SimulatedMeter("sim-1", SimulatedMeter.Kind.TIME_OF_USE_CONSUMER, false,
                new SplittableRandom(1));
        long before = meter.importWh;
        for (int hour = 0; hour < 24; hour++) {
            long last = meter.importWh;
            meter.advance(hour, 900);
            assertThat(meter.importWh).isGreaterThan(last);
        }
        assertThat(meter.exportWh).isZero();
        meter.connected = false;
        long frozen = meter.importWh;
        meter.advance(19, 900);
        assertThat(meter.importWh).isEqualTo(frozen).isGreaterThan(before);
    }

    @Test
    void aProsumerExportsAtMiddayAndImportsAtNight() {
        SimulatedMeter meter = new SimulatedMeter("sim-10", SimulatedMeter.Kind.PV_PROSUMER, false,
                new SplittableRandom(2));
        long export = meter.exportWh;
        meter.advance(12, 900);
        assertThat(meter.exportWh).isGreaterThan(export);
        long imported = meter.importWh;
        meter.advance(2, 900);
        assertThat(meter.importWh).isGreaterThan(imported);
    }

    @Test
    void reportsAreAlwaysLaterThanThePreviousOneEvenWithinOneSecond() {
        SimulatedMeter meter = new SimulatedMeter("sim-2", SimulatedMeter.Kind.BLOCK_CONSUMER, false,
                new SplittableRandom(3));
        java.time.Instant now = java.time.Instant.parse("2026-11-28T10:00:00.400Z");
        java.time.Instant first = meter.nextReportTime(now.plusSeconds(1));
        java.time.Instant second = meter.nextReportTime(now.plusMillis(900));
        assertThat(first).isEqualTo("2026-11-28T10:00:01Z");
        assertThat(second).isAfter(first);
    }
}
