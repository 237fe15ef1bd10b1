package io.gridledger.adapter.simulation;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.adapter.relay.RelayCommandMessage;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.RelayCommand;
import io.gridledger.ledger.account.SupplyState;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A prepaid meter on NB-IoT / Cat.1 as the head-end sees it over MQTT: it signs every message with
 * its provisioned key and a rising counter, publishes readings deliveries, and obeys relay
 * commands that verify with its key, carrying out each request once and answering every attempt
 * with its relay state. Used by the demo fleet and the tests.
 */
public final class MqttMeterDevice implements AutoCloseable {

    private final String meterId;
    private final byte[] key;
    private final MqttTopics topics;
    private final Clock clock;
    private final Mqtt5AsyncClient client;
    /**
     * A real meter keeps its counter in non-volatile memory; the simulated one starts from the clock,
     * so that its counter still rises when the demo is started again against the same database.
     */
    private final AtomicLong counter = new AtomicLong(System.currentTimeMillis());
    private final Set<String> carriedOut = ConcurrentHashMap.newKeySet();
    private volatile long lastCommandCounter = -1;
    private volatile SupplyState relay = SupplyState.CONNECTED;
    private final AtomicLong commandsRefused = new AtomicLong();

    public MqttMeterDevice(String meterId, byte[] key, MqttTopics topics, String host, int port, Clock clock) {
        this.meterId = meterId;
        this.key = key.clone();
        this.topics = topics;
        this.clock = clock;
        this.client = MqttClient.builder().useMqttVersion5().identifier(topics.prefix() + "-device-" + meterId)
                .serverHost(host).serverPort(port).automaticReconnectWithDefaultConfig().buildAsync();
    }

    /** Connects and subscribes to the meter's relay commands; fails after 10 s without a broker. */
    public MqttMeterDevice connect() {
        try {
            // a persistent session: what the meter sends while the broker is away is kept and sent later
            client.connectWith().cleanStart(false).sessionExpiryInterval(TimeUnit.HOURS.toSeconds(1)).send()
                    .orTimeout(10, TimeUnit.SECONDS).join();
            client.subscribeWith().topicFilter(topics.relayCommand(meterId)).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(this::command).send().orTimeout(10, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            client.disconnect();
            throw new IllegalStateException("meter " + meterId + " cannot reach the MQTT broker: " + e.getMessage(), e);
        }
        return this;
    }

    public String meterId() {
        return meterId;
    }

    public SupplyState relay() {
        return relay;
    }

    public long commandsRefused() {
        return commandsRefused.get();
    }

    /** Publishes one delivery of readings; returns the message as sent (topic, counter, tag, payload). */
    public Sent deliver(List<RegisterReading> readings) {
        return publish(topics.readings(meterId), Payloads.write(Map.of("readings", readings)));
    }

    /**
     * Publishes one delivery without waiting for the broker: while it is away the client keeps the
     * message and sends it after reconnecting. Completes when the broker has it.
     */
    public CompletableFuture<?> deliverWhenConnected(List<RegisterReading> readings) {
        byte[] payload = Payloads.write(Map.of("readings", readings));
        synchronized (this) {
            Sent sent = sign(topics.readings(meterId), payload);
            return client.publishWith().topic(sent.topic()).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                    .userProperties().add("counter", Long.toString(sent.counter())).add("mac", sent.tag())
                    .applyUserProperties().send();
        }
    }

    /** Publishes tamper or power-quality events from the meter's event log. */
    public Sent reportEvents(List<io.gridledger.ledger.account.MeterEvent> events) {
        return publish(topics.events(meterId), Payloads.write(Map.of("events", events)));
    }

    /** Publishes a raw DLMS frame (a push-setup data notification); it carries its own security. */
    public void pushDlmsFrame(byte[] frame) {
        client.publishWith().topic(topics.dlmsPush(meterId)).qos(MqttQos.AT_LEAST_ONCE).payload(frame).send()
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Publishes a P1 telegram as a dongle on the meter's P1 port would. */
    public Sent deliverTelegram(String telegram) {
        return publish(topics.p1(meterId), telegram.getBytes(StandardCharsets.US_ASCII));
    }

    /** Publishes exactly what was sent before (a replay, as an attacker or a confused broker would). */
    public void replay(Sent sent) {
        send(sent.topic(), sent.payload(), sent.counter(), sent.tag()).join();
    }

    /** Publishes {@code payload} with a tag that does not verify. */
    public void publishForged(byte[] payload) {
        CompletableFuture<?> done;
        synchronized (this) {
            done = send(topics.readings(meterId), payload, counter.incrementAndGet(), "00".repeat(32));
        }
        done.join();
    }

    /** A message as it went out. */
    public record Sent(String topic, long counter, String tag, byte[] payload) {
    }

    private Sent publish(String topic, byte[] payload) {
        Sent sent;
        CompletableFuture<?> done;
        synchronized (this) {
            sent = sign(topic, payload);
            done = send(sent.topic(), sent.payload(), sent.counter(), sent.tag());
        }
        done.join();
        return sent;
    }

    /** Counters must reach the broker in the order they were given out: signing and sending happen together. */
    private Sent sign(String topic, byte[] payload) {
        long c = counter.incrementAndGet();
        return new Sent(topic, c, HexFormat.of().formatHex(DeviceKeys.tag(key, topic, c, payload)), payload);
    }

    private synchronized CompletableFuture<?> send(String topic, byte[] payload, long c, String tag) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .userProperties().add("counter", Long.toString(c)).add("mac", tag)
                .add("sentAt", clock.instant().toString()).applyUserProperties()
                .send().orTimeout(10, TimeUnit.SECONDS);
    }

    private void command(Mqtt5Publish publish) {
        Map<String, String> props = new HashMap<>();
        for (Mqtt5UserProperty p : publish.getUserProperties().asList()) {
            props.put(p.getName().toString(), p.getValue().toString());
        }
        byte[] payload = publish.getPayloadAsBytes();
        long c;
        try {
            c = Long.parseLong(props.getOrDefault("counter", "-1"));
        } catch (NumberFormatException e) {
            c = -1;
        }
        boolean authentic = DeviceKeys.verify(key, publish.getTopic().toString(), c, payload,
                props.getOrDefault("mac", ""));
        if (!authentic || c <= lastCommandCounter) {
            commandsRefused.incrementAndGet();
            return;
        }
        lastCommandCounter = c;
        RelayCommandMessage command = Payloads.read(payload, RelayCommandMessage.class);
        if (carriedOut.add(command.requestId())) {
            relay = command.command() == RelayCommand.DISCONNECT ? SupplyState.DISCONNECTED : SupplyState.CONNECTED;
        }
        Instant now = clock.instant();
        // not waited for: this runs on the client's own thread, which must stay free for the acknowledgement
        synchronized (this) {
            Sent report = sign(topics.relayState(meterId), Payloads.write(Map.of("state", relay, "at", now.toString(),
                    "requestId", command.requestId())));
            send(report.topic(), report.payload(), report.counter(), report.tag());
        }
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
