package io.gridledger.adapter.device;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

@Configuration(proxyBeanMethods = false)
public class DeviceConfiguration {

    /** Only for the demo and tests; a deployment sets {@code GRIDLEDGER_DEVICE_MASTER_KEY}. */
    static final String DEMO_MASTER_KEY = "Z3JpZGxlZGdlci1kZW1vLWRldmljZS1tYXN0ZXIta2V5";

    private static final Logger log = LoggerFactory.getLogger(DeviceConfiguration.class);

    @Bean
    DeviceKeys deviceKeys(@Value("${gridledger.adapter.device-master-key}") String masterKeyBase64) {
        if (DEMO_MASTER_KEY.equals(masterKeyBase64)) {
            log.warn("event=demo_device_master_key action=\"set GRIDLEDGER_DEVICE_MASTER_KEY (base64, 32 random bytes) "
                    + "before connecting real meters\"");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(masterKeyBase64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GRIDLEDGER_DEVICE_MASTER_KEY is not base64", e);
        }
        return new DeviceKeys(key);
    }
}
