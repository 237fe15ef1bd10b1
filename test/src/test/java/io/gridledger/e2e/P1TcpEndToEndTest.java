package io.gridledger.e2e;

import io.gridledger.adapter.simulation.P1TcpDongle;
import io.gridledger.adapter.simulation.P1TelegramSource;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A prosumer's P1 port streamed over TCP by a dongle: the head-end keeps a socket open, samples the
 * telegrams into readings (here every second), and refuses a telegram whose CRC does not hold.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gridledger.adapter.p1.sample-interval=1s")
@TimeSensitive
class P1TcpEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry metrics;

    @Test
    void telegramsStreamedOverTcpAreSampledIntoReadings() throws Exception {
        Http http = new Http(port);
        assertThat(http.put("/api/v1/tariffs/e2e-flat", PrepaidJourneyEndToEndTest.FLAT_TARIFF).status()).isIn(200, 201);
        String meter = "p1tcp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post("/api/v1/meters", "{\"meterId\":\"" + meter + "\",\"customerId\":\"c\",\"tariffId\":"
                + "\"e2e-flat\",\"timezone\":\"Europe/Amsterdam\",\"friendlyCredit\":{\"weekly\":[]}}").status())
                .isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"p1-1\",\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}").status()).isEqualTo(201);

        AtomicLong importWh = new AtomicLong(2_000_000L);
        Instant start = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        try (P1TcpDongle dongle = new P1TcpDongle(() -> P1TelegramSource.telegram("E0099", later(start),
                importWh.get(), 0L, 0L, 500), Duration.ofMillis(200))) {
            assertThat(http.put("/api/v1/devices/" + meter + "/p1",
                    "{\"host\":\"127.0.0.1\",\"port\":%d}".formatted(dongle.port())).status()).isEqualTo(201);
            await("the first telegram is the baseline").until(() -> http.get("/api/v1/meters/" + meter).json()
                    .at("/lastRegisters/activeImportWh").asLong() == 2_000_000L);
            importWh.addAndGet(1_000L);
            await("1 kWh charged at 0.30").until(() -> "9.7000".equals(http.get("/api/v1/meters/" + meter)
                    .text("/balance/amount")));
            assertThat(http.get("/api/v1/devices/" + meter).text("/protocol")).isEqualTo("P1");

            double malformed = malformed();
            dongle.sending(() -> P1TelegramSource.telegram("E0099", later(start), importWh.get(), 0L, 0L, 500)
                    .replace("1-0:1.8.2(", "1-0:1.8.2(9"));
            importWh.addAndGet(50_000L);
            await("damaged telegrams refused").until(() -> malformed() > malformed);
            assertThat(http.get("/api/v1/meters/" + meter).text("/balance/amount")).isEqualTo("9.7000");
        }
    }

    /** Telegram time: now, but never before the account opened. */
    private static Instant later(Instant start) {
        Instant now = TestClock.now().truncatedTo(ChronoUnit.SECONDS);
        return now.isAfter(start) ? now : start.plusSeconds(1);
    }

    private double malformed() {
        return metrics.find("gridledger.adapter.messages").tag("protocol", "P1").tag("outcome", "malformed").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

}
