package io.gridledger.adapter.mqtt;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.device.DeviceMessageIntake;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MQTT head-end ({@code gridledger.adapter.mqtt.enabled}, on by default). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gridledger.adapter.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class MqttConfiguration {

    @Bean
    MqttTopics mqttTopics(@Value("${gridledger.adapter.mqtt.topic-prefix}") String prefix) {
        return new MqttTopics(prefix);
    }

    @Bean
    MqttHeadEnd mqttHeadEnd(MqttTopics topics, DeviceMessageIntake intake, DeviceKeys keys,
                            @Value("${gridledger.adapter.mqtt.host}") String host,
                            @Value("${gridledger.adapter.mqtt.port}") int port,
                            @Value("${gridledger.adapter.mqtt.client-id}") String clientId,
                            @Value("${gridledger.adapter.mqtt.username:}") String username,
                            @Value("${gridledger.adapter.mqtt.password:}") String password) {
        return new MqttHeadEnd(topics, intake, keys, host, port, clientId, username, password);
    }
}
