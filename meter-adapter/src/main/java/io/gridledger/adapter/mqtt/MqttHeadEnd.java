package io.gridledger.adapter.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5SubscribeBuilder;
import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.device.DeviceMessageIntake;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.dlms.DataNotifications;
import io.gridledger.adapter.dlms.DlmsCipher;
import io.gridledger.adapter.dlms.FrameAuthenticationException;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.inbox.InvalidPayloadException;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.p1.InvalidTelegramException;
import io.gridledger.adapter.p1.P1TelegramParser;
import io.gridledger.adapter.relay.RelaySender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MQTT side of the head-end (HiveMQ MQTT 5 client): a persistent session (the broker keeps QoS 1
 * messages while the head-end is away), manual acknowledgement (a message is acknowledged only
 * once stored or refused), messages of one meter handled in order on one of a few lanes, and relay
 * commands published to the meter's command topic. Each lane stores what has arrived in one
 * transaction, so a burst costs one commit per batch, not per message.
 */
public class MqttHeadEnd implements RelaySender, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MqttHeadEnd.class);
    private static final int LANES = 4;

    private final MqttTopics topics;
    private final DeviceMessageIntake intake;
    private final DeviceKeys keys;
    private final Mqtt5AsyncClient client;
    private static final int BATCH = 256;
    @SuppressWarnings("unchecked")
    private final BlockingQueue<Mqtt5Publish>[] lanes = new BlockingQueue[LANES];
    private final Thread[] laneThreads = new Thread[LANES];
    private volatile boolean running = true;
    /** Rises with every command sent; starts from the clock so it keeps rising across restarts. */
    private final AtomicLong commandCounter = new AtomicLong(System.currentTimeMillis() * 1000);

    public MqttHeadEnd(MqttTopics topics, DeviceMessageIntake intake, DeviceKeys keys, String host, int port,
                       String clientId, String username, String password) {
        this.topics = topics;
        this.intake = intake;
        this.keys = keys;
        var builder = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port)
                .automaticReconnectWithDefaultConfig()
                .addConnectedListener(c -> log.info("event=mqtt_connected broker={}:{} client={}", host, port, clientId))
                .addDisconnectedListener(c -> {
                    if (c.getSource() != MqttDisconnectSource.USER) {
                        log.warn("event=mqtt_disconnected broker={}:{} reason=\"{}\" action=\"none: reconnecting; the "
                                + "broker keeps QoS 1 messages for the session\"", host, port, c.getCause().getMessage());
                    }
                });
        if (username != null && !username.isBlank()) {
            builder = builder.simpleAuth().username(username)
                    .password(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        this.client = builder.buildAsync();
        for (int i = 0; i < LANES; i++) {
            BlockingQueue<Mqtt5Publish> queue = new LinkedBlockingQueue<>();
            lanes[i] = queue;
            laneThreads[i] = new Thread(() -> drain(queue), "mqtt-intake-" + i);
            laneThreads[i].setDaemon(true);
            laneThreads[i].start();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        client.publishes(MqttGlobalPublishFilter.ALL, this::received, true);
        client.connectWith().cleanStart(false).sessionExpiryInterval(TimeUnit.DAYS.toSeconds(1)).send()
                .thenCompose(ack -> {
                    Mqtt5SubscribeBuilder.Start subscribe = Mqtt5Subscribe.builder();
                    Mqtt5SubscribeBuilder.Complete complete = null;
                    for (String filter : topics.inboundFilters()) {
                        complete = (complete == null ? subscribe : complete).addSubscription().topicFilter(filter)
                                .qos(MqttQos.AT_LEAST_ONCE).applySubscription();
                    }
                    return client.subscribe(complete.build());
                })
                .whenComplete((ack, e) -> {
                    if (e != null) {
                        log.warn("event=mqtt_subscribe_failed reason=\"{}\" action=\"start the MQTT broker "
                                + "(ops/services.sh) or set GRIDLEDGER_MQTT_HOST; the client keeps retrying\"", e.getMessage());
                    }
                });
    }

    private void received(Mqtt5Publish publish) {
        Optional<MqttTopics.Parsed> parsed = topics.parse(publish.getTopic().toString());
        if (parsed.isEmpty()) {
            publish.acknowledge();
            return;
        }
        lanes[Math.floorMod(parsed.get().meterId().hashCode(), LANES)].add(publish);
    }

    /**
     * One lane: takes what has arrived (up to {@value #BATCH} messages), stores it in one transaction
     * and only then acknowledges it. When the database fails the same batch is tried again (pause up
     * to 10 s): unacknowledged, the messages stay the broker's responsibility meanwhile.
     */
    private void drain(BlockingQueue<Mqtt5Publish> queue) {
        List<Mqtt5Publish> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                List<DeviceMessageIntake.Candidate> candidates = new ArrayList<>(batch.size());
                for (Mqtt5Publish publish : batch) {
                    candidates.add(candidate(publish));
                }
                long pause = 100;
                while (running) {
                    try {
                        intake.acceptAll(candidates);
                        break;
                    } catch (RuntimeException e) {
                        log.warn("event=mqtt_messages_not_stored count={} reason=\"{}\" action=\"check the database; "
                                + "the messages are kept unacknowledged and stored once it answers\"", batch.size(),
                                e.getMessage());
                        Thread.sleep(pause);
                        pause = Math.min(pause * 2, 10_000);
                    }
                }
                batch.forEach(Mqtt5Publish::acknowledge);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private DeviceMessageIntake.Candidate candidate(Mqtt5Publish publish) {
        String topic = publish.getTopic().toString();
        MqttTopics.Parsed parsed = topics.parse(topic).orElseThrow();
        byte[] payload = publish.getPayloadAsBytes();
        Map<String, String> props = properties(publish.getUserProperties());
        long counter;
        try {
            counter = Long.parseLong(props.getOrDefault("counter", "-1"));
        } catch (NumberFormatException e) {
            counter = -1;
        }
        Instant sentAt = null;
        try {
            sentAt = props.containsKey("sentAt") ? Instant.parse(props.get("sentAt")) : null;
        } catch (DateTimeParseException ignored) {
            // drift is only monitoring; an unreadable clock is left out
        }
        String meterId = parsed.meterId();
        String tag = props.get("mac");
        return switch (parsed.kind()) {
            case READINGS -> new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId, Protocol.MQTT,
                    InboxKind.READINGS, topic, counter, tag, payload, sentAt), () -> {
                        Payloads.readings(payload);
                        return payload;
                    });
            case P1 -> new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId, Protocol.P1,
                    InboxKind.READINGS, topic, counter, tag, payload, sentAt), () -> {
                        try {
                            var telegram = P1TelegramParser.parse(new String(payload, StandardCharsets.US_ASCII));
                            return Payloads.write(Map.of("readings", List.of(telegram.toReading())));
                        } catch (InvalidTelegramException e) {
                            throw new InvalidPayloadException("telegram", e.getMessage());
                        }
                    });
            case EVENTS -> new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId, Protocol.MQTT,
                    InboxKind.EVENTS, topic, counter, tag, payload, sentAt), () -> {
                        Payloads.events(payload);
                        return payload;
                    });
            case DLMS_PUSH -> dlmsPush(meterId, topic, payload);
            case RELAY_STATE -> new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId,
                    Protocol.MQTT, InboxKind.SUPPLY_STATE, topic, counter, tag, payload, sentAt), () -> {
                        Payloads.supplyState(payload);
                        return payload;
                    });
        };
    }

    /**
     * A pushed DLMS data notification: its invocation counter must rise like any counter, and it must
     * decipher with the meter's keys; its readings are stored like a JSON delivery.
     */
    private DeviceMessageIntake.Candidate dlmsPush(String meterId, String topic, byte[] frame) {
        DataNotifications.Envelope envelope;
        try {
            envelope = DataNotifications.envelope(frame);
        } catch (FrameAuthenticationException e) {
            return new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId, Protocol.DLMS,
                    InboxKind.READINGS, topic, -1, null, frame, null), () -> {
                        throw e;
                    }, true);
        }
        return new DeviceMessageIntake.Candidate(new DeviceMessageIntake.Message(meterId, Protocol.DLMS,
                InboxKind.READINGS, topic, envelope.invocationCounter(), null, frame, null), () -> {
                    DeviceKeys.DlmsKeys k = keys.dlmsKeysOf(meterId);
                    byte[] apdu = DlmsCipher.decrypt(envelope.systemTitle(), envelope.securityControl(),
                            envelope.invocationCounter(), envelope.cipherTextAndTag(), k.encryption(), k.authentication());
                    try {
                        return Payloads.write(Map.of("readings", DataNotifications.readings(apdu)));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidPayloadException("notification", e.getMessage());
                    }
                }, true);
    }

    private static Map<String, String> properties(Mqtt5UserProperties properties) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Mqtt5UserProperty p : properties.asList()) {
            out.put(p.getName().toString(), p.getValue().toString());
        }
        return out;
    }

    @Override
    public Protocol protocol() {
        return Protocol.MQTT;
    }

    @Override
    public CompletableFuture<Void> send(String meterId, byte[] command) {
        String topic = topics.relayCommand(meterId);
        long counter = commandCounter.incrementAndGet();
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(command)
                .userProperties().add("counter", Long.toString(counter))
                .add("mac", keys.tag(meterId, topic, counter, command)).applyUserProperties()
                .send().thenAccept(result -> result.getError().ifPresent(e -> {
                    throw new IllegalStateException(e);
                }));
    }

    @Override
    public void destroy() {
        running = false;
        for (Thread lane : laneThreads) {
            lane.interrupt();
        }
        client.disconnect();
    }
}
