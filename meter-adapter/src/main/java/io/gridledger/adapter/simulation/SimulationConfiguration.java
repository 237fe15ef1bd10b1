package io.gridledger.adapter.simulation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.ledger.AccessTokens;
import io.gridledger.adapter.mqtt.MqttTopics;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/** Starts the simulated fleet against this server once its port is known ({@code gridledger.simulation.enabled}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gridledger.simulation.enabled", havingValue = "true")
public class SimulationConfiguration implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulationConfiguration.class);

    private final int meters;
    private final Duration tick;
    private final ObjectProvider<MqttTopics> topics;
    private final DeviceKeys keys;
    private final String brokerHost;
    private final int brokerPort;
    private final String clientId;
    private final String clientSecret;
    private SimulatedFleet fleet;

    public SimulationConfiguration(@Value("${gridledger.simulation.meters:120}") int meters,
                                   @Value("${gridledger.simulation.tick:15s}") Duration tick,
                                   ObjectProvider<MqttTopics> topics, DeviceKeys keys,
                                   @Value("${gridledger.adapter.mqtt.host}") String brokerHost,
                                   @Value("${gridledger.adapter.mqtt.port}") int brokerPort,
                                   @Value("${gridledger.simulation.client-id:simulator}") String clientId,
                                   @Value("${gridledger.simulation.client-secret:simulator-secret}") String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.meters = meters;
        this.tick = tick;
        this.topics = topics;
        this.keys = keys;
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (fleet != null) {
            return;
        }
        URI base = URI.create("http://localhost:" + event.getWebServer().getPort());
        MqttTopics mqtt = topics.getIfAvailable();
        fleet = new SimulatedFleet(base, new AccessTokens(base, clientId, clientSecret), meters, tick, Clock.systemUTC(), mqtt == null ? null
                : meterId -> new MqttMeterDevice(meterId, keys.keyOf(meterId), mqtt, brokerHost, brokerPort,
                        Clock.systemUTC()).connect(),
                meterId -> {
                    DeviceKeys.DlmsKeys k = keys.dlmsKeysOf(meterId);
                    try {
                        return new DlmsMeterSimulator("GLS", Math.abs(meterId.hashCode()) % 100_000_000, k.encryption(),
                                k.authentication(), k.master());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        fleet.start();
        log.info("event=simulated_fleet_starting meters={} tick={} api={}", meters, tick, base);
    }

    @Override
    public void destroy() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
