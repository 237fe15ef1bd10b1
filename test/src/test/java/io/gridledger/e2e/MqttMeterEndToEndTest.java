package io.gridledger.e2e;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.dlms.DataNotifications;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.adapter.simulation.MqttMeterDevice;
import io.gridledger.adapter.simulation.P1TelegramSource;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.MeterEventType;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A prepaid meter on MQTT, through the real Mosquitto broker: it reports signed deliveries, the
 * balance moves; a replayed or forged message changes nothing; credit runs out and the relay on
 * the meter opens; a top-up closes it again. The meter's confirmations come back over MQTT.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class MqttMeterEndToEndTest {

    static final String FLAT_TARIFF = PrepaidJourneyEndToEndTest.FLAT_TARIFF;

    @LocalServerPort
    int port;
    @Autowired
    DeviceKeys keys;
    @Autowired
    MqttTopics topics;
    @Autowired
    MeterRegistry metrics;
    @Value("${gridledger.adapter.mqtt.host}")
    String brokerHost;
    @Value("${gridledger.adapter.mqtt.port}")
    int brokerPort;

    Http http;
    Instant base;
    MqttMeterDevice device;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        base = TestClock.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        assertThat(http.put("/api/v1/tariffs/e2e-flat", FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "mqtt-" + UUID.randomUUID().toString().substring(0, 12);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c-" + meter
                + "\",\"tariffId\":\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]},"
                + "\"lowCreditThreshold\":{\"amount\":\"5\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);
        device = new MqttMeterDevice(meter, keys.keyOf(meter), topics, brokerHost, brokerPort, TestClock.clock())
                .connect();
    }

    @AfterEach
    void tearDown() {
        device.close();
    }

    @Test
    void aMeterOnMqttIsChargedDisconnectedAndReconnectedThroughTheBroker() {
        String meter = device.meterId();
        assertThat(topUp(meter, "mqtt-pay-1", "10.00")).isEqualTo(201);

        device.deliver(List.of(reading(0, 0), reading(1, 20_000)));         // 20 kWh × 0.30 = 6.0000
        await("the delivery reached the ledger").until(() -> "4.0000".equals(balance(meter)));

        MqttMeterDevice.Sent second = device.deliver(List.of(reading(2, 25_000)));  // 5 kWh = 1.5000
        await("the second delivery").until(() -> "2.5000".equals(balance(meter)));
        device.replay(second);
        device.publishForged("{\"readings\":[{\"at\":\"2030-01-01T00:00:00Z\",\"activeImportWh\":99000}]}"
                .getBytes(StandardCharsets.UTF_8));
        await("the replay and the forgery were refused").until(() -> refused("replayed") >= 1 && refused("unauthenticated") >= 1);
        assertThat(balance(meter)).as("nothing charged twice or forged").isEqualTo("2.5000");

        device.deliver(List.of(reading(3, 40_000)));                           // 15 kWh = 4.5000 → −2.0000
        await("the relay on the meter opened").until(() -> device.relay() == SupplyState.DISCONNECTED);
        await("the ledger has the meter's confirmation").until(() -> "DISCONNECTED".equals(
                http.get("/api/v1/meters/" + meter).text("/supply")));
        assertThat(balance(meter)).isEqualTo("-2.0000");

        assertThat(topUp(meter, "mqtt-pay-2", "5.00")).isEqualTo(201);
        await("the relay on the meter closed").until(() -> device.relay() == SupplyState.CONNECTED);
        await("the ledger has the reconnection").until(() -> "CONNECTED".equals(
                http.get("/api/v1/meters/" + meter).text("/supply")));
        assertThat(device.commandsRefused()).as("every command the meter got verified with its key").isZero();
    }

    @Test
    void p1TelegramsBecomeReadingsAndADamagedOneIsRefused() {
        String meter = device.meterId();
        assertThat(topUp(meter, "mqtt-pay-p1", "10.00")).isEqualTo(201);
        device.deliverTelegram(P1TelegramSource.telegram("E0012345", base, 1_000_000L, 500_000L, 0L, 800));
        await("the first telegram is the baseline").until(() -> http.get("/api/v1/meters/" + meter)
                .json().at("/lastRegisters/activeImportWh").asLong() == 1_500_000L);
        device.deliverTelegram(P1TelegramSource.telegram("E0012345", base.plus(Duration.ofMinutes(15)), 1_001_000L,
                500_500L, 0L, 800));
        await("1.5 kWh charged at 0.30").until(() -> "9.5500".equals(balance(meter)));

        String next = P1TelegramSource.telegram("E0012345", base.plus(Duration.ofMinutes(30)), 1_002_000L, 500_500L,
                0L, 800);
        device.deliverTelegram(next.replace("1-0:1.8.1(001002.000", "1-0:1.8.1(001092.000"));
        await("the damaged telegram was refused").until(() -> refused("malformed") >= 1);
        assertThat(balance(meter)).isEqualTo("9.5500");
    }

    @Test
    void tamperAndQualityEventsAreRecordedOnceForTheftAnalysis() {
        String meter = device.meterId();
        Instant at = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        List<MeterEvent> log = List.of(new MeterEvent(MeterEventType.COVER_OPENED, at, null),
                new MeterEvent(MeterEventType.VOLTAGE_SAG, at.plusSeconds(5), "L1 181 V 300 ms"));
        device.reportEvents(log);
        device.reportEvents(List.of(log.get(1), new MeterEvent(MeterEventType.STRONG_MAGNETIC_FIELD, at.plusSeconds(9),
                null)));
        await("three distinct events recorded").until(() -> http.get("/api/v1/devices/" + meter + "/events").json()
                .path("events").size() == 3);
        Http.Response tamper = http.get("/api/v1/devices/" + meter + "/events?tamper=true");
        assertThat(tamper.json().path("events")).extracting(e -> e.path("type").asText())
                .containsExactly("COVER_OPENED", "STRONG_MAGNETIC_FIELD");
        assertThat(http.get("/api/v1/devices/" + meter).text("/protocol")).isEqualTo("MQTT");
    }

    @Test
    void aPushedDlmsDataNotificationIsChargedOnceAndOnlyWithTheMetersKeys() {
        String meter = device.meterId();
        assertThat(topUp(meter, "mqtt-pay-dlms", "10.00")).isEqualTo(201);
        DeviceKeys.DlmsKeys k = keys.dlmsKeysOf(meter);
        byte[] title = java.util.HexFormat.of().parseHex("474C530000002001");
        byte[] first = DataNotifications.frame(title, 500, List.of(reading(0, 100_000), reading(1, 101_000)),
                k.encryption(), k.authentication());
        device.pushDlmsFrame(first);
        await("1 kWh charged at 0.30").until(() -> "9.7000".equals(balance(meter)));

        double replayedBefore = refused("replayed");
        double forgedBefore = refused("unauthenticated");
        device.pushDlmsFrame(first);
        byte[] otherKey = k.encryption().clone();
        otherKey[0] ^= 1;
        device.pushDlmsFrame(DataNotifications.frame(title, 501, List.of(reading(2, 150_000)), otherKey,
                k.authentication()));
        await("the replay and the foreign frame were refused").until(() -> refused("replayed") > replayedBefore
                && refused("unauthenticated") > forgedBefore);
        device.pushDlmsFrame(DataNotifications.frame(title, 502, List.of(reading(2, 102_000)), k.encryption(),
                k.authentication()));
        await("the next frame is charged").until(() -> "9.4000".equals(balance(meter)));
    }

    private double refused(String outcome) {
        return metrics.find("gridledger.adapter.messages").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private RegisterReading reading(int quarter, long importWh) {
        return RegisterReading.of(base.plus(Duration.ofMinutes(15L * quarter)), importWh, 0L);
    }

    private int topUp(String meter, String paymentId, String amount) {
        return http.post("/api/v1/meters/" + meter + "/top-ups", "{\"paymentId\":\"" + paymentId
                + "\",\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}}").status();
    }

    private String balance(String meter) {
        return http.get("/api/v1/meters/" + meter).text("/balance/amount");
    }


}
