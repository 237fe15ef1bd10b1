package io.gridledger.adapter.dlms;

import io.gridledger.adapter.simulation.DlmsMeterSimulator;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.RelayCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The head-end against a jDLMS meter: security suite 0 with HLS5-GMAC, registers, disconnect control. */
class DlmsMeterClientTest {

    static final byte[] EK = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
    static final byte[] AK = HexFormat.of().parseHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    static final byte[] KEK = HexFormat.of().parseHex("101112131415161718191A1B1C1D1E1F");

    @Test
    void readsRegistersAndSwitchesTheRelayWithTheMetersKeys() throws Exception {
        try (DlmsMeterSimulator meter = new DlmsMeterSimulator("GLS", 1001, EK, AK, KEK)) {
            meter.registers(1_234_567L, 89_000L);
            meter.reactive(400_000L, 1_000L, 2_000L, 30_000L);
            Instant at = Instant.parse("2026-11-28T10:15:00Z");
            try (DlmsMeterClient client = DlmsMeterClient.connect("127.0.0.1", meter.port(), EK, AK, 1,
                    Duration.ofSeconds(5))) {
                RegisterReading r = client.read(at);
                assertThat(r.activeImportWh()).isEqualTo(1_234_567L);
                assertThat(r.activeExportWh()).isEqualTo(89_000L);
                assertThat(r.reactiveQ1Varh()).isEqualTo(400_000L);
                assertThat(r.reactiveQ2Varh()).isEqualTo(1_000L);
                assertThat(r.reactiveQ3Varh()).isEqualTo(2_000L);
                assertThat(r.reactiveQ4Varh()).isEqualTo(30_000L);
                assertThat(r.voltageV()).isEqualByComparingTo("230.1");
                assertThat(r.currentA()).isEqualByComparingTo("5.2");

                assertThat(client.loadProfile(null)).isEmpty();
                meter.captureProfile(Instant.parse("2026-11-28T10:00:00Z"), 1_000_000L, 0L);
                meter.captureProfile(Instant.parse("2026-11-28T10:15:00Z"), 1_000_250L, 5L);
                assertThat(client.loadProfile(null)).containsExactly(
                        RegisterReading.of(Instant.parse("2026-11-28T10:00:00Z"), 1_000_000L, 0L),
                        RegisterReading.of(Instant.parse("2026-11-28T10:15:00Z"), 1_000_250L, 5L));
                assertThat(client.loadProfile(Instant.parse("2026-11-28T10:00:00Z")))
                        .extracting(RegisterReading::activeImportWh).containsExactly(1_000_250L);

                assertThat(client.switchRelay(RelayCommand.DISCONNECT)).as("output state read back").isFalse();
                assertThat(meter.relayClosed()).isFalse();
                assertThat(client.switchRelay(RelayCommand.DISCONNECT)).isFalse();
                assertThat(meter.relayOperations()).as("a repeated command does not move the relay").isEqualTo(1);
                assertThat(client.switchRelay(RelayCommand.RECONNECT)).isTrue();
            }
        }
    }

    @Test
    void aClientWithoutTheMetersKeysGetsNoAssociation() throws Exception {
        try (DlmsMeterSimulator meter = new DlmsMeterSimulator("GLS", 1002, EK, AK, KEK)) {
            byte[] wrong = HexFormat.of().parseHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
            assertThatThrownBy(() -> DlmsMeterClient.connect("127.0.0.1", meter.port(), EK, wrong, 1,
                    Duration.ofSeconds(3)).close()).isInstanceOf(Exception.class);
        }
    }
}
