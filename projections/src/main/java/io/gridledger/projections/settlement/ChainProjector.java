package io.gridledger.projections.settlement;

import io.gridledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs in the single-segment {@value ProcessingGroups#SETTLEMENT_CHAIN} processor, so it sees every
 * event once and in order. For each event it extends the hash chain, stores the event's
 * {@link SettlementFacts} and keeps each account's settlement state, all in one transaction with
 * the processor's token: a settlement run read from these tables always matches the chain head.
 */
@Component
@ProcessingGroup(ProcessingGroups.SETTLEMENT_CHAIN)
public class ChainProjector {

    private record Head(long chainSeq, String hash, long maxGlobalIndex) {
    }

    /** What one batch has changed, written just before the batch commits. */
    private final class Batch implements SettlementFacts.Meters {
        private Head head;
        private final List<Object[]> links = new ArrayList<>();
        private final List<SettlementFact> facts = new ArrayList<>();
        private final Map<String, SettlementMeterState> touched = new LinkedHashMap<>();
        private final java.util.Set<Long> chained = new java.util.HashSet<>();

        Batch(Head head) {
            this.head = head;
        }

        @Override
        public SettlementMeterState find(String meterId) {
            SettlementMeterState s = touched.get(meterId);
            if (s == null) {
                SettlementMeterState committed = committedMeter(meterId);
                if (committed != null) {
                    s = committed.copy();
                    touched.put(meterId, s);
                }
            }
            return s;
        }

        @Override
        public void put(SettlementMeterState state) {
            touched.put(state.meterId, state);
        }
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Map<String, SettlementMeterState> meters = new ConcurrentHashMap<>();
    private volatile Head head;

    public ChainProjector(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        Batch batch = batch();
        long globalIndex = globalIndexOf(batch, message, token);
        if (alreadyChained(batch, globalIndex)) {
            return;
        }
        SerializedObject<byte[]> bytes = message.serializePayload(serializer, byte[].class);
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        ChainedEvent event = new ChainedEvent(globalIndex, message.getIdentifier(),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? 0 : domain.getSequenceNumber(), message.getTimestamp(), bytes.getType().getName(),
                bytes.getType().getRevision(), bytes.getData());
        String hash = event.chainAfter(batch.head.hash());
        batch.head = new Head(batch.head.chainSeq() + 1, hash, Math.max(batch.head.maxGlobalIndex(), globalIndex));
        batch.chained.add(globalIndex);
        batch.links.add(new Object[] {batch.head.chainSeq(), globalIndex, hash, Timestamp.from(message.getTimestamp())});
        if (domain != null) {
            batch.facts.addAll(SettlementFacts.apply(payload, domain.getSequenceNumber(), message.getTimestamp(),
                    batch));
        }
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource("gridledger.settlement-chain", key -> {
            Batch b = new Batch(currentHead());
            root.onPrepareCommit(u -> write(b));
            root.afterCommit(u -> {
                head = b.head;
                meters.putAll(b.touched);
            });
            return b;
        });
    }

    /**
     * A gap-aware token stands on the highest index the stream has seen, not on the event it comes
     * with: an event that committed late behind a gap arrives with the token of a higher, already
     * chained index. Only a token above everything chained is the event's own index; otherwise the
     * store tells (unique index on the event identifier).
     */
    private long globalIndexOf(Batch batch, EventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        if (position > batch.head.maxGlobalIndex()) {
            return position;
        }
        Long stored = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, message.getIdentifier());
        return stored == null ? position : stored;
    }

    /**
     * Streaming processors deliver at least once: after a gap fills, Axon may hand over an event
     * that is already chained. An index above the highest chained one is always new; one below is
     * either a late gap fill (new) or a repeat, which the chain itself tells.
     */
    private boolean alreadyChained(Batch batch, long globalIndex) {
        if (globalIndex > batch.head.maxGlobalIndex()) {
            return false;
        }
        return batch.chained.contains(globalIndex) || Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM event_chain WHERE global_index = ?)", Boolean.class, globalIndex));
    }

    /**
     * The chain head as stored. The in-memory copy and account states are only trusted while the
     * stored head is the one this node wrote last: when the segment moved to another node and back,
     * both are reloaded.
     */
    private Head currentHead() {
        Head stored = storedHead();
        if (!stored.equals(head)) {
            meters.clear();
            head = stored;
        }
        return stored;
    }

    private Head storedHead() {
        return jdbc.query("SELECT chain_seq, hash, (SELECT max(global_index) FROM event_chain) FROM event_chain "
                        + "ORDER BY chain_seq DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getString(2).trim(), rs.getLong(3))
                        : new Head(0, ChainedEvent.GENESIS, -1));
    }

    private SettlementMeterState committedMeter(String meterId) {
        SettlementMeterState s = meters.get(meterId);
        if (s == null) {
            s = jdbc.query("SELECT * FROM settlement_meter WHERE meter_id = ?", rs -> rs.next()
                    ? new SettlementMeterState(rs.getString("meter_id"), ZoneId.of(rs.getString("timezone")),
                    rs.getString("tariff_id"), rs.getString("currency"), rs.getBigDecimal("balance"),
                    rs.getBigDecimal("debt"), rs.getBigDecimal("emergency_credit_limit"),
                    rs.getBoolean("emergency_credit_active"),
                    rs.getTimestamp("disconnected_since") == null ? null
                            : rs.getTimestamp("disconnected_since").toInstant(),
                    rs.getLong("last_event_sequence"))
                    : null, meterId);
            if (s != null) {
                meters.put(meterId, s);
            }
        }
        return s;
    }

    /** Axon may run prepare-commit hooks of a batch more than once (per nested unit): write each row once. */
    private void write(Batch b) {
        if (b.links.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO event_chain (chain_seq, global_index, hash, time_stamp) VALUES (?, ?, ?, ?)",
                b.links);
        if (!b.facts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO settlement_fact (meter_id, event_sequence, fact_no, period, kind, label, tariff_id,
                        tariff_version, amount, quantity, currency)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", b.facts, 500, (ps, f) -> {
                ps.setString(1, f.meterId());
                ps.setLong(2, f.eventSequence());
                ps.setInt(3, f.factNo());
                ps.setString(4, f.period().toString());
                ps.setString(5, f.kind().name());
                ps.setString(6, f.label());
                ps.setString(7, f.tariffId());
                ps.setInt(8, f.tariffVersion());
                ps.setBigDecimal(9, f.amount());
                ps.setLong(10, f.quantity());
                ps.setString(11, f.currency());
            });
        }
        if (!b.touched.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO settlement_meter (meter_id, timezone, tariff_id, currency, balance, debt,
                        emergency_credit_limit, emergency_credit_active, disconnected_since, last_event_sequence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (meter_id) DO UPDATE SET balance = excluded.balance, debt = excluded.debt,
                        emergency_credit_active = excluded.emergency_credit_active,
                        disconnected_since = excluded.disconnected_since,
                        last_event_sequence = excluded.last_event_sequence""",
                    new ArrayList<>(b.touched.values()), 500, (ps, s) -> {
                        ps.setString(1, s.meterId);
                        ps.setString(2, s.zone.getId());
                        ps.setString(3, s.tariffId);
                        ps.setString(4, s.currency);
                        ps.setBigDecimal(5, s.balance);
                        ps.setBigDecimal(6, s.debt);
                        ps.setBigDecimal(7, s.emergencyCreditLimit);
                        ps.setBoolean(8, s.emergencyCreditActive);
                        ps.setTimestamp(9, s.disconnectedSince == null ? null : Timestamp.from(s.disconnectedSince));
                        ps.setLong(10, s.lastEventSequence);
                    });
        }
        b.links.clear();
        b.facts.clear();
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE event_chain, settlement_fact, settlement_meter");
        head = null;
        meters.clear();
    }
}
