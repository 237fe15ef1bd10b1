package io.gridledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.eventstore.EventStoreConfiguration;
import io.gridledger.api.reconciliation.Reconciliation;
import io.gridledger.ledger.account.MeterAccount;
import io.gridledger.testsupport.TestClock;
import io.gridledger.testsupport.TimeSensitive;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meter accounts are snapshotted every few events, so that loading one that is not cached reads its
 * state instead of every delivery. A snapshot must be the very state its events build, and an
 * account loaded from it must go on exactly as before: duplicates still refused, charges exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TimeSensitive
class MeterAccountSnapshotTest {

    private static final ObjectMapper SNAPSHOTS = EventStoreConfiguration.snapshotMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    Cache meterAccountCache;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void anAccountLoadedFromItsSnapshotIsTheAccountItsEventsBuild() throws Exception {
        ApiClient api = new ApiClient(rest);
        String meter = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/v1/tariffs/snap-tou", ApiClient.TOU_TARIFF).status()).isIn(200, 201);
        assertThat(api.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"c-1","tariffId":"snap-tou","timezone":"Europe/Amsterdam",
                 "friendlyCredit":{"weekly":[]}}""".formatted(meter)).status()).isEqualTo(201);
        api.post("/api/v1/meters/" + meter + "/top-ups",
                "{\"paymentId\":\"snap-pay-1\",\"amount\":{\"amount\":\"50.00\",\"currency\":\"EUR\"}}");
        Instant start = TestClock.nextHour();
        for (int d = 0; d < 10; d++) {
            assertThat(api.post("/api/v1/meters/" + meter + "/readings", delivery(start, d)).status()).isEqualTo(202);
        }

        Map<String, Object> snapshot = awaitSnapshot(meter);
        byte[] stored = (byte[]) snapshot.get("payload");
        long snapshotSequence = ((Number) snapshot.get("sequence_number")).longValue();
        JsonNode fromSnapshot = SNAPSHOTS.readTree(stored);
        assertThat(written(SNAPSHOTS.readValue(stored, MeterAccount.class)))
                .as("a snapshot reads back into the same state").isEqualTo(fromSnapshot);
        assertThat(written(replayed(meter, snapshotSequence)))
                .as("the snapshot is the state its events build").isEqualTo(fromSnapshot);
        assertThat(fromSnapshot.path("readings").path("size").asInt()).as("readings remembered").isPositive();

        meterAccountCache.removeAll();
        String balanceBefore = api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText();
        ApiClient.Response repeat = api.post("/api/v1/meters/" + meter + "/readings", delivery(start, 9));
        assertThat(repeat.body().path("accepted").asInt()).as("a repeated delivery after a snapshot load").isZero();
        assertThat(repeat.body().path("duplicate").asInt()).isEqualTo(4);
        assertThat(api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText()).isEqualTo(balanceBefore);

        meterAccountCache.removeAll();
        assertThat(api.post("/api/v1/meters/" + meter + "/readings", delivery(start, 10)).body()
                .path("accepted").asInt()).isEqualTo(4);
        BigDecimal balance = new BigDecimal(api.get("/api/v1/meters/" + meter).body().at("/balance/amount").asText());
        assertThat(balance).isLessThan(new BigDecimal(balanceBefore));
        assertThat(jdbc.queryForObject("SELECT sum(amount) FROM ledger_entry WHERE meter_id = ?", BigDecimal.class,
                meter)).isEqualByComparingTo(balance);
        assertThat(reconciliation.reconcile(meter)).isEmpty();
    }

    /** The account as the snapshot serializer writes it, read back as a tree (numbers as written). */
    private static JsonNode written(MeterAccount account) throws Exception {
        return SNAPSHOTS.readTree(SNAPSHOTS.writeValueAsBytes(account));
    }

    /** Delivery {@code d}: four quarter-hours of 250 Wh each, registers continuing from the previous one. */
    private static String delivery(Instant start, int d) {
        StringBuilder json = new StringBuilder("{\"readings\":[");
        for (int q = 0; q < 4; q++) {
            int n = d * 4 + q;
            json.append(q == 0 ? "" : ",").append("{\"at\":\"").append(start.plus(Duration.ofMinutes(15L * n)))
                    .append("\",\"activeImportWh\":").append(1000 + 250L * n).append('}');
        }
        return json.append("]}").toString();
    }

    private Map<String, Object> awaitSnapshot(String meter) {
        return await("a snapshot was taken").until(() -> jdbc.queryForList("SELECT sequence_number, payload FROM "
                + "snapshot_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number DESC", meter),
                rows -> !rows.isEmpty()).get(0);
    }

    private MeterAccount replayed(String meter, long upToSequence) {
        List<? extends DomainEventMessage<?>> events = storage.readEvents(meter, 0).asStream()
                .filter(e -> e.getSequenceNumber() <= upToSequence).toList();
        MeterAccount root = axon.aggregateConfiguration(MeterAccount.class).aggregateFactory()
                .createAggregateRoot(meter, events.get(0));
        EventSourcedAggregate<MeterAccount> aggregate = EventSourcedAggregate.initialize(root,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(MeterAccount.class, axon.parameterResolverFactory(),
                        axon.handlerDefinition(MeterAccount.class)), null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events.stream()));
        return aggregate.getAggregateRoot();
    }
}
