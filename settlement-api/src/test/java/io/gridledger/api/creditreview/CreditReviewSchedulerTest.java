package io.gridledger.api.creditreview;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.api.ApiClient;
import io.gridledger.testsupport.AccountViews;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time acting on accounts through the scheduler's query on the real database: standing charges
 * for each local day begun, and a disconnection decided again when a friendly period ends.
 */
// Its clock runs ahead: closed afterwards, so its scheduler cannot age other test classes' accounts
// in the database they share.
@org.springframework.test.annotation.DirtiesContext
@TimeSensitive
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridledger.credit-review.interval=1h")
class CreditReviewSchedulerTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** A Tuesday 10:00 in Amsterdam ahead of today; the test lives until Friday, before the next Sunday's clock change. */
    static final ZonedDateTime TUESDAY = TestClock.next(DayOfWeek.TUESDAY, 10, AMSTERDAM);
    static final Instant START = TUESDAY.toInstant();

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

        void set(ZonedDateTime at) {
            now = at.toInstant();
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
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void standingChargesFollowLocalDaysAndAnEndedFriendlyPeriodLeadsToDisconnection() {
        ApiClient api = new ApiClient(rest);
        api.put("/api/v1/tariffs/review-tou", ApiClient.TOU_TARIFF);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"review-1","customerId":"c","tariffId":"review-tou","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[{"days":["WEDNESDAY"],"from":"00:00","to":"12:00"}]}}""").status())
                .isEqualTo(201);
        api.post("/api/v1/meters/review-1/top-ups",
                "{\"paymentId\":\"p1\",\"amount\":{\"amount\":\"0.5000\",\"currency\":\"EUR\"}}");

        scheduler.reviewDueAccounts();
        awaitViewCaughtUp();
        assertThat(balance(api).at("/balance/amount").asText()).as("opening day is not charged").isEqualTo("0.5000");

        // Wednesday 00:30 local: the day's standing charge exhausts the credit inside a friendly period
        ZonedDateTime wednesday = TUESDAY.plusDays(1).withHour(0);
        clock.set(wednesday.withMinute(30));
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(balance(api).at("/balance/amount").asText()).isEqualTo("0.0500"));
        clock.set(wednesday.withHour(1).withMinute(30));
        api.post("/api/v1/meters/review-1/readings", """
                {"readings":[{"at":"%s","activeImportWh":1000},
                             {"at":"%s","activeImportWh":2000}]}""".formatted(wednesday.toInstant(),
                wednesday.withMinute(30).toInstant()));
        JsonNode deferred = balance(api);
        assertThat(deferred.at("/creditState").asText()).isEqualTo("EXHAUSTED");
        assertThat(deferred.at("/pendingRelayCommand").isNull()).isTrue();
        assertThat(deferred.at("/disconnectionDeferred/reason").asText()).isEqualTo("FRIENDLY_PERIOD");
        assertThat(deferred.at("/disconnectionDeferred/reviewAt").asText())
                .as("the friendly period ends at noon").isEqualTo(wednesday.withHour(12).toInstant().toString());

        clock.set(wednesday.withHour(12).withMinute(30));
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(balance(api).at("/pendingRelayCommand").asText()).isEqualTo("DISCONNECT"));

        // two more local days begin: both charged once, however often the scheduler runs
        clock.advance(Duration.ofDays(2));
        scheduler.reviewDueAccounts();
        await().until(() -> balance(api).at("/pendingRelayCommand").isNull());
        scheduler.reviewDueAccounts();
        await().untilAsserted(() -> assertThat(standingCharges(api)).isEqualTo(3));
        scheduler.reviewDueAccounts();
        awaitViewCaughtUp();
        assertThat(standingCharges(api)).as("each local day charged once").isEqualTo(3);
    }

    /** Before asserting that nothing more was charged: the balance view has every event of the account. */
    private void awaitViewCaughtUp() {
        await("the balance view has every event of the account")
                .until(() -> AccountViews.caughtUp(jdbc.getDataSource(), "review-1"));
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
