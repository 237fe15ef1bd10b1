package io.gridledger.api;

import io.gridledger.api.support.LiveProcessors;
import io.gridledger.projections.ProcessingGroups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API's read-your-writes promise: a write is answered once the balance view shows it, so the
 * caller's next GET sees its own change. The view is made to lag on purpose (its processor stopped),
 * so the test does not depend on how fast the machine is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadYourWritesTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTopUpIsAnsweredOnlyOnceTheBalanceViewShowsIt() throws Exception {
        ApiClient api = new ApiClient(rest);
        String meter = ReadYourWritesTest.openAccount(api, "ryw");

        CompletableFuture<ApiClient.Response> answer;
        try (LiveProcessors.Paused paused = LiveProcessors.pause(ProcessingGroups.ACCOUNT_VIEWS)) {
            answer = CompletableFuture.supplyAsync(() -> api.post("/api/v1/meters/" + meter + "/top-ups",
                    "{\"paymentId\":\"ryw-1\",\"amount\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}}"));
            await("the top-up is in the event store").until(() -> toppedUpEvents(meter) == 1);
            assertThat(answer).as("no answer while the balance view lags behind the stored event").isNotDone();
        }
        assertThat(answer.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText())
                .as("the next GET sees the caller's own write").isEqualTo("12.5000");
    }

    static String openAccount(ApiClient api, String prefix) {
        String meter = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/ryw-tou", ApiClient.TOU_TARIFF).status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-1","tariffId":"ryw-tou","timezone":"Europe/Amsterdam"}"""
                .formatted(meter)).status()).isEqualTo(201);
        return meter;
    }

    long toppedUpEvents(String meter) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%AccountToppedUp'", Long.class, meter);
    }
}
