package io.gridledger.api;

import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.testsupport.TestClock;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AxonFramework #4829: the JDBC engine gives up on a missing global index after {@code gapTimeout};
 * an event committed later by a slower transaction would then be skipped for good. Here an event
 * is appended in a transaction that stays open until later events have committed; the read model must
 * still receive it. The configuration must keep every transaction shorter than the gap timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowTransactionGapTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    BalanceQueries balances;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${gridledger.event-store.gap-timeout}")
    Duration gapTimeout;
    @Value("${spring.datasource.hikari.connection-init-sql}")
    String sessionLimits;

    @Test
    void anEventCommittedAfterLaterOnesIsStillProjected() throws Exception {
        ApiClient api = new ApiClient(rest);
        api.put("/api/v1/tariffs/gap-tou", ApiClient.TOU_TARIFF);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch laterEventsCommitted = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            eventStore.publish(new GenericDomainEventMessage<>("MeterAccount", "gap-slow", 0, opened("gap-slow")));
            appended.countDown();
            waitFor(laterEventsCommitted);
        }));
        assertThat(appended.await(60, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/meters", """
                    {"meterId":"gap-fast-%d","customerId":"c","tariffId":"gap-tou","timezone":"Europe/Amsterdam"}"""
                    .formatted(i)).status()).isEqualTo(201);
        }
        assertThat(balances.findBalance("gap-slow")).as("not committed yet").isEmpty();
        laterEventsCommitted.countDown();
        slow.get(60, TimeUnit.SECONDS);

        await("the late-committed event reached the read model").until(() -> balances.findBalance("gap-slow").isPresent());

        long slowIndex = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = 'gap-slow'", Long.class);
        long fastIndex = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE 'gap-fast-%'", Long.class);
        assertThat(slowIndex).as("the slow event holds the lower index").isLessThan(fastIndex);
        await("the late-committed event is in the settlement hash chain").until(() -> chainLinks(slowIndex) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM settlement_meter WHERE meter_id = 'gap-slow'", Long.class))
                .as("its account is known to settlement").isEqualTo(1);
    }

    private long chainLinks(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?", Long.class, globalIndex);
    }

    @Test
    void transactionsAreBoundedFarBelowTheGapTimeout() {
        assertThat(sessionLimits).contains("statement_timeout = '30s'").contains("idle_in_transaction_session_timeout = '30s'");
        assertThat(gapTimeout).isGreaterThanOrEqualTo(Duration.ofSeconds(30).multipliedBy(10));
    }

    private static MeterAccountOpened opened(String meterId) {
        Money zero = Money.of("0", "EUR");
        return new MeterAccountOpened(new MeterId(meterId), new CustomerId("c"), new TariffId("gap-tou"),
                ZoneId.of("Europe/Amsterdam"), zero.currency(), zero, zero, false, zero, Percentage.zero(), false,
                FriendlyCreditCalendar.standard(), TestClock.now(), null);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
