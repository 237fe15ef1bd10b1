package io.gridledger.api;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.device.DeviceMessageIntake;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.AdapterInbox;
import io.gridledger.adapter.inbox.InboxForwarder;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.ledger.AxonLedger;
import io.gridledger.adapter.ledger.LedgerPort;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.testsupport.AccountViews;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Store and forward: while the ledger is unavailable the head-end keeps what meters sent; when it
 * is back every reading is charged once; a message forwarded again (a crash between delivering and
 * marking it delivered) charges nothing twice; a replayed message is refused at the door.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class AdapterStoreAndForwardTest {

    /** The in-process ledger, switchable off as if its node were down. */
    static class SwitchableLedger implements LedgerPort {
        final LedgerPort delegate;
        final AtomicBoolean down = new AtomicBoolean();

        SwitchableLedger(LedgerPort delegate) {
            this.delegate = delegate;
        }

        @Override
        public void deliverReadings(String meterId, List<RegisterReading> readings, Instant receivedAt) {
            check();
            delegate.deliverReadings(meterId, readings, receivedAt);
        }

        @Override
        public void recordEvents(String meterId, List<MeterEvent> events, Instant receivedAt) {
            check();
            delegate.recordEvents(meterId, events, receivedAt);
        }

        @Override
        public void confirmSupplyState(String meterId, SupplyState state, Instant at, Instant receivedAt) {
            check();
            delegate.confirmSupplyState(meterId, state, at, receivedAt);
        }

        private void check() {
            if (down.get()) {
                throw new IllegalStateException("ledger unavailable (test)");
            }
        }
    }

    @TestConfiguration
    static class Switchable {
        @Bean
        @Primary
        SwitchableLedger switchableLedger(AxonLedger ledger) {
            return new SwitchableLedger(ledger);
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    SwitchableLedger ledger;
    @Autowired
    DeviceMessageIntake intake;
    @Autowired
    DeviceKeys keys;
    @Autowired
    AdapterInbox inbox;
    @Autowired
    InboxForwarder forwarder;
    @Autowired
    JdbcTemplate jdbc;

    long counter;

    @Test
    void nothingIsLostWhileTheLedgerIsDownAndNothingIsChargedTwice() throws Exception {
        ApiClient api = new ApiClient(rest);
        String meter = "snf-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/snf-flat", """
                {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
                 "standingChargePerDay":"0","taxPercent":"21","import":{"blocks":[{"pricePerKwh":"0.3000"}]},
                 "export":{"pricePerKwh":"0.0700"}}""").status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c","tariffId":"snf-flat","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[]}}""".formatted(meter)).status()).isEqualTo(201);
        api.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"snf-1\",\"amount\":{\"amount\":\"20.00\",\"currency\":\"EUR\"}}");
        Instant base = TestClock.nextHour();

        ledger.down.set(true);
        for (int d = 0; d < 3; d++) {
            assertThat(send(meter, """
                    {"readings":[{"at":"%s","activeImportWh":%d}]}""".formatted(base.plus(Duration.ofMinutes(15L * d)),
                    1000L * d))).isEqualTo(DeviceMessageIntake.Outcome.ACCEPTED);
        }
        long stored = pending(meter);
        assertThat(stored).as("kept while the ledger is down").isEqualTo(3);
        forwarder.nudge();
        await("the forwarder tried the ledger and failed").until(() -> attempts(meter) > 0);
        assertThat(pending(meter)).isEqualTo(3);
        assertThat(balance(api, meter)).isEqualTo("20.0000");

        ledger.down.set(false);
        forwarder.nudge();
        await("forwarded once the ledger is back").until(() -> pending(meter) == 0);
        await("2 kWh charged at 0.30").until(() -> "19.4000".equals(balance(api, meter)));

        jdbc.update("UPDATE adapter_inbox SET delivered_at = NULL WHERE meter_id = ?", meter);
        forwarder.nudge();
        await("forwarded again").until(() -> pending(meter) == 0);
        await("the balance view has every event of the account").until(() -> AccountViews.caughtUp(jdbc.getDataSource(), meter));
        assertThat(balance(api, meter)).as("a second delivery charges nothing").isEqualTo("19.4000");

        String replayed = "{\"readings\":[{\"at\":\"" + base.plus(Duration.ofHours(1)) + "\",\"activeImportWh\":9000}]}";
        byte[] payload = replayed.getBytes(StandardCharsets.UTF_8);
        String topic = "t/" + meter;
        String tag = keys.tag(meter, topic, counter, payload);
        assertThat(intake.accept(new DeviceMessageIntake.Message(meter, Protocol.MQTT, InboxKind.READINGS, topic, counter,
                tag, payload, null), () -> payload)).as("an old counter").isEqualTo(DeviceMessageIntake.Outcome.REPLAYED);
        assertThat(intake.accept(new DeviceMessageIntake.Message(meter, Protocol.MQTT, InboxKind.READINGS, topic,
                counter + 1, tag, payload, null), () -> payload)).as("a tag made for another counter")
                .isEqualTo(DeviceMessageIntake.Outcome.UNAUTHENTICATED);
        assertThat(pending(meter)).isZero();
    }

    private DeviceMessageIntake.Outcome send(String meter, String json) throws InterruptedException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        String topic = "t/" + meter;
        counter++;
        return intake.accept(new DeviceMessageIntake.Message(meter, Protocol.MQTT, InboxKind.READINGS, topic, counter,
                keys.tag(meter, topic, counter, payload), payload, null), () -> payload);
    }

    private long pending(String meter) {
        return jdbc.queryForObject("SELECT count(*) FROM adapter_inbox WHERE meter_id = ? AND delivered_at IS NULL",
                Long.class, meter);
    }

    private long attempts(String meter) {
        return jdbc.queryForObject("SELECT coalesce(max(attempts), 0) FROM adapter_inbox WHERE meter_id = ?",
                Long.class, meter);
    }

    private static String balance(ApiClient api, String meter) {
        return api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText();
    }
}
