package io.gridledger.api;

import io.gridledger.api.support.LiveProcessors;
import io.gridledger.projections.ProcessingGroups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read-your-writes wait is bounded: when the balance view cannot catch up, the write still
 * answers after the bound, and what it did is durable in the event store and reaches the view later.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridledger.read-your-writes.timeout=1s")
class ReadYourWritesBoundTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWriteIsAnsweredAfterTheBoundWhenTheViewLagsAndStillReachesIt() {
        ApiClient api = new ApiClient(rest);
        String meter = ReadYourWritesTest.openAccount(api, "ryw-bound");

        try (LiveProcessors.Paused paused = LiveProcessors.pause(ProcessingGroups.ACCOUNT_VIEWS)) {
            long started = System.nanoTime();
            ApiClient.Response answer = api.post("/api/v1/meters/" + meter + "/top-ups",
                    "{\"paymentId\":\"ryw-2\",\"amount\":{\"amount\":\"7.00\",\"currency\":\"EUR\"}}");
            assertThat(answer.status()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited for the view, up to the bound")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%AccountToppedUp'", Long.class, meter)).as("durable").isEqualTo(1);
        }
        await("the view catches up").until(() -> "7.0000".equals(
                api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText()));
    }
}
