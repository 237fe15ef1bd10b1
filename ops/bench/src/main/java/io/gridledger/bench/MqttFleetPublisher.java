package io.gridledger.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.mqtt.MqttTopics;
import io.gridledger.ledger.account.RegisterReading;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Many meters on one MQTT connection, as a gateway or a load generator would: each delivery is
 * signed with its meter's key and counter, published QoS 1 with a bounded number in flight.
 */
final class MqttFleetPublisher implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final MqttTopics topics;
    private final DeviceKeys keys;
    private final Semaphore inFlight = new Semaphore(200);

    MqttFleetPublisher(String clientId, String host, int port, MqttTopics topics, DeviceKeys keys) {
        this.topics = topics;
        this.keys = keys;
        this.client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port)
                .buildAsync();
        client.connectWith().cleanStart(true).send().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Publishes meter {@code meterId}'s delivery number {@code counter}; returns when the broker has it. */
    CompletableFuture<?> publish(String meterId, long counter, List<RegisterReading> readings)
            throws InterruptedException {
        byte[] payload = Payloads.write(Map.of("readings", readings));
        String topic = topics.readings(meterId);
        String tag = HexFormat.of().formatHex(DeviceKeys.tag(keys.keyOf(meterId), topic, counter, payload));
        inFlight.acquire();
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload)
                .userProperties().add("counter", Long.toString(counter)).add("mac", tag).applyUserProperties()
                .send().whenComplete((r, e) -> inFlight.release());
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
