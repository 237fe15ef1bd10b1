package io.gridledger.headend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * The meter adapter as its own process near the meters (same jar as the ledger, profile
 * {@code head-end}): MQTT, P1, Modbus and DLMS ingestion with its own store-and-forward database,
 * forwarding to the ledger's HTTP API ({@code gridledger.adapter.ledger-url}) and switching relays
 * for the ledger's pending requests. Nothing of the ledger runs here. Start with {@code ops/run-head-end.sh}.
 */
@SpringBootApplication(scanBasePackages = "io.gridledger.adapter")
@EnableScheduling
public class HeadEndApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication app = new SpringApplication(HeadEndApplication.class);
        app.setAdditionalProfiles("head-end");
        app.run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
