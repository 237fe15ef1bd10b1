package io.gridledger.api;

import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger under test lives on the test JVM's clock: on today's date in the first run, a year
 * ahead in the build's second run of the time-sensitive classes. Accounts open on that date, and a
 * reading dated before it is refused as the ledger refuses any reading from before an account opened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class ApplicationClockTest {

    @Autowired
    Clock applicationClock;
    @Autowired
    TestRestTemplate rest;

    @Test
    void theLedgerReadsTheTestClockSoAccountsOpenOnItsDate() {
        Duration shift = TestClock.shift();
        assertThat(Duration.between(Instant.now().plus(shift), applicationClock.instant()).abs())
                .as("the application's clock is the system clock moved by %s", shift)
                .isLessThan(Duration.ofMinutes(1));

        ApiClient api = new ApiClient(rest);
        String meter = "clock-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/clock-tou", ApiClient.TOU_TARIFF).status()).isIn(200, 201);
        Instant opened = TestClock.now();
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-1","tariffId":"clock-tou","timezone":"Europe/Amsterdam"}"""
                .formatted(meter)).status()).isEqualTo(201);

        var answer = api.post("/api/v1/meters/" + meter + "/readings", """
                {"readings":[{"at":"%s","activeImportWh":100},{"at":"%s","activeImportWh":200}]}"""
                .formatted(opened.minus(Duration.ofDays(1)), TestClock.nextHour()));
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().at("/rejections/0/reason").asText()).isEqualTo("BEFORE_ACCOUNT_OPENED");
    }
}
