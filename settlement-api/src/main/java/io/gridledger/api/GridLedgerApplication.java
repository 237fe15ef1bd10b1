package io.gridledger.api;

import io.gridledger.api.database.EmbeddedPostgresFallback;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * GridLedger: the event-sourced prepaid energy ledger, its REST API, the meter adapter and (optionally) a
 * simulated fleet. The head-end on its own ({@code io.gridledger.headend}) is another application.
 */
@SpringBootApplication(scanBasePackages = {"io.gridledger.api", "io.gridledger.projections", "io.gridledger.adapter"})
@EnableScheduling
public class GridLedgerApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        EmbeddedPostgresFallback.startIfNeeded();
        SpringApplication.run(GridLedgerApplication.class, args);
    }
}
