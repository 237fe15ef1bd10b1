package io.gridledger.api;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where GridLedger can be reached once it is ready. */
@Component
class StartupAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        Environment env = event.getApplicationContext().getEnvironment();
        String base = "http://localhost:" + web.getWebServer().getPort();
        boolean simulated = env.getProperty("gridledger.simulation.enabled", Boolean.class, false);
        System.out.println();
        System.out.println("GridLedger is running at " + base);
        System.out.println("  API docs:   " + base + "/v3/api-docs   (UI: " + base + "/swagger-ui.html)");
        System.out.println("  Metrics:    " + base + "/actuator/prometheus   (admin token)");
        System.out.println("  Sign in:    every API call needs a bearer token, e.g. an operator's:");
        System.out.println("              curl -s -u operator:operator-secret -d grant_type=client_credentials "
                + base + "/oauth2/token");
        System.out.println("              (demo clients and users in README; ops/token.sh gets one for you)");
        if (simulated) {
            System.out.println("  Simulated fleet: " + env.getProperty("gridledger.simulation.meters")
                    + " meters, e.g. " + base + "/api/v1/meters/sim-0001");
        }
        System.out.println();
    }
}
