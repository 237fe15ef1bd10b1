package io.gridledger.api.creditreview;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.api.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time acting on accounts through the scheduler's query on the real database: standing charges
 * for each local day begun, and a disconnection decided again when a friendly period ends.
 */
// Its clock runs ahead: closed afterwards, so its scheduler cannot age other test classes' accounts
// in the database they share.
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridledger.credit-review.interval=1h")
class CreditReviewSchedulerTest {

    /** Tuesday 2027-03-02 10:00 in Amsterdam (UTC+1). */
    static final Instant START = Instant.parse("2027-03-02T09:00:00Z");

    static final class MovableClock extends Clock {
        private volatile Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    MovableClock clock;
    @Autowired
    CreditReviewScheduler scheduler;

    @Test
    void standingChargesFollowLocalDaysAndAnEndedFriendlyPeriodLeadsToDisconnection() throws Exception {
        ApiClient api = new ApiClient(rest);
        api.put("/api/v1/tariffs/review-tou", ApiClient.TOU_TARIFF);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"review-1","customerId":"c","tariffId":"review-tou","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[{"days":["WEDNESDAY"],"from":"00:00","to":"12:00"}]}}""").status())
                .isEqualTo(201);
        api.post("/api/v1/meters/review-1/top-ups",
                "{\"paymentId\":\"p1\",\"amount\":{\"amount\":\"0.5000\",\"currency\":\"EUR\"}}");

        scheduler.reviewDueAccounts();
        assertThat(balance(api).at("/balance/amount").asText()).as("opening day is not charged").isEqualTo("0.5000");

        // Wednesday 00:30 local: the day's standing charge exhausts the credit inside a friendly period
        clock.advance(Duration.ofHours(14).plusMinutes(30));
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(balance(api).at("/balance/amount").asText()).isEqualTo("0.0500"));
        clock.advance(Duration.ofHours(1));
        api.post("/api/v1/meters/review-1/readings", """
                {"readings":[{"at":"2027-03-02T23:00:00Z","activeImportWh":1000},
                             {"at":"2027-03-02T23:30:00Z","activeImportWh":2000}]}""");
        JsonNode deferred = balance(api);
        assertThat(deferred.at("/creditState").asText()).isEqualTo("EXHAUSTED");
        assertThat(deferred.at("/pendingRelayCommand").isNull()).isTrue();
        assertThat(deferred.at("/disconnectionDeferred/reason").asText()).isEqualTo("FRIENDLY_PERIOD");
        assertThat(deferred.at("/disconnectionDeferred/reviewAt").asText()).isEqualTo("2027-03-03T11:00:00Z");

        clock.advance(Duration.ofHours(11));
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(balance(api).at("/pendingRelayCommand").asText()).isEqualTo("DISCONNECT"));

        // two more local days begin: both charged once, however often the scheduler runs
        clock.advance(Duration.ofDays(2));
        scheduler.reviewDueAccounts();
        await().until(() -> balance(api).at("/pendingRelayCommand").isNull());
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(standingCharges(api)).isEqualTo(3));
        Thread.sleep(1000);
        assertThat(standingCharges(api)).as("each local day charged once").isEqualTo(3);
    }

    private static long standingCharges(ApiClient api) {
        long n = 0;
        for (JsonNode e : api.get("/api/v1/meters/review-1/ledger").body().path("entries")) {
            if (e.path("type").asText().equals("STANDING_CHARGE")) {
                n++;
            }
        }
        return n;
    }

    private JsonNode balance(ApiClient api) {
        return api.get("/api/v1/meters/review-1").body();
    }
}
