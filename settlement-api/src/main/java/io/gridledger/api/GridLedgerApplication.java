package io.gridledger.api;

import io.gridledger.api.database.EmbeddedPostgresFallback;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** GridLedger: the event-sourced prepaid energy ledger, its REST API and (optionally) a simulated fleet. */
@SpringBootApplication(scanBasePackages = "io.gridledger")
@EnableScheduling
public class GridLedgerApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        EmbeddedPostgresFallback.startIfNeeded();
        SpringApplication.run(GridLedgerApplication.class, args);
    }
}
