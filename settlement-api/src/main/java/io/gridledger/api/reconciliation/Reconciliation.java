package io.gridledger.api.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.history.AccountHistory;
import io.gridledger.ledger.statement.AccountStatements;
import io.gridledger.ledger.statement.Statement;
import io.gridledger.projections.balance.BalanceFold;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.balance.BalanceView;
import io.gridledger.projections.ledger.LedgerEntryView;
import io.gridledger.projections.ledger.LedgerLines;
import io.gridledger.projections.ProcessingGroups;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares the read models of each account with what its events say: the balance view, the ledger,
 * the statements, the settlement state and the hash chain. Walks all accounts a batch at a time; every difference
 * is logged with what to do and counted in {@code gridledger.reconciliation.differences} (alert on
 * any value above zero). Accounts whose views are still catching up are skipped until next time.
 */
@Component
public class Reconciliation {

    /** One read-model figure that does not match the events. */
    public record Difference(String meterId, String readModel, String figure, String fromEvents, String inReadModel) {
    }

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final ObjectMapper TOKENS = new ObjectMapper();

    private final AccountHistory history;
    private final BalanceQueries balances;
    private final JdbcTemplate jdbc;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final AtomicLong lastDifferences = new AtomicLong();
    private String cursor = "";

    public Reconciliation(AccountHistory history, BalanceQueries balances, JdbcTemplate jdbc, MeterRegistry metrics,
                          @Value("${gridledger.reconciliation.batch-size}") int batchSize) {
        this.history = history;
        this.balances = balances;
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.batchSize = batchSize;
        metrics.gauge("gridledger.reconciliation.differences", lastDifferences);
    }

    @Scheduled(fixedDelayString = "${gridledger.reconciliation.interval}",
            initialDelayString = "${gridledger.reconciliation.interval}")
    public synchronized List<Difference> reconcileNextBatch() {
        List<String> meters = jdbc.queryForList(
                "SELECT meter_id FROM balance_view WHERE meter_id > ? ORDER BY meter_id LIMIT ?", String.class, cursor,
                batchSize);
        cursor = meters.size() < batchSize ? "" : meters.get(meters.size() - 1);
        List<Difference> found = new ArrayList<>();
        ChainProgress chain = chainProgress();
        for (String meterId : meters) {
            found.addAll(reconcile(meterId, chain));
        }
        lastDifferences.set(found.size());
        metrics.counter("gridledger.reconciliation.accounts_checked").increment(meters.size());
        return found;
    }

    /** The differences of one account (empty when its views match, or are still catching up). */
    public List<Difference> reconcile(String meterId) {
        return reconcile(meterId, chainProgress());
    }

    private List<Difference> reconcile(String meterId, ChainProgress chain) {
        List<DomainEventMessage<?>> events = history.eventsOf(meterId, null);
        BalanceView view = balances.findBalance(meterId).orElse(null);
        if (events.isEmpty() || view == null) {
            return List.of();
        }
        long lastSequence = events.get(events.size() - 1).getSequenceNumber();
        if (view.lastEventSequence() < lastSequence) {
            return List.of();
        }
        BalanceFold fold = new BalanceFold();
        BigDecimal ledgerSum = BigDecimal.ZERO;
        long ledgerLines = 0;
        for (DomainEventMessage<?> m : events) {
            fold.add(m.getPayload(), m.getSequenceNumber(), m.getTimestamp());
            for (LedgerEntryView line : LedgerLines.of(m.getPayload(), m.getSequenceNumber())) {
                ledgerSum = ledgerSum.add(line.amount());
                ledgerLines++;
            }
        }
        BalanceView expected = fold.view().orElseThrow();
        List<Difference> diffs = new ArrayList<>();
        compare(diffs, meterId, "balance_view", "balance", expected.balance(), view.balance());
        compare(diffs, meterId, "balance_view", "debt", expected.debt(), view.debt());
        compare(diffs, meterId, "balance_view", "creditState", expected.creditState(), view.creditState());
        compare(diffs, meterId, "balance_view", "supply", expected.supply(), view.supply());
        compare(diffs, meterId, "balance_view", "emergencyCreditActive", expected.emergencyCreditActive(),
                view.emergencyCreditActive());
        compare(diffs, meterId, "balance_view", "pendingRelayCommand", expected.pendingRelayCommand(),
                view.pendingRelayCommand());
        compare(diffs, meterId, "balance_view", "readingsRejected", expected.readingsRejected(),
                view.readingsRejected());
        Map<String, Object> ledger = jdbc.queryForMap(
                "SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM ledger_entry WHERE meter_id = ?", meterId);
        compare(diffs, meterId, "ledger_entry", "lines", ledgerLines, ((Number) ledger.get("n")).longValue());
        compare(diffs, meterId, "ledger_entry", "sum", ledgerSum, (BigDecimal) ledger.get("total"));
        compare(diffs, meterId, "events", "ledger sum against balance", expected.balance(), ledgerSum);
        List<Statement> statements = AccountStatements.fold(AccountHistory.payloads(events), null).statements();
        if (!statements.isEmpty()) {
            compare(diffs, meterId, "statements", "last closing balance", expected.balance(),
                    statements.get(statements.size() - 1).closingBalance().amount());
        }
        List<Map<String, Object>> settlement = jdbc.queryForList(
                "SELECT balance, debt, last_event_sequence FROM settlement_meter WHERE meter_id = ?", meterId);
        if (!settlement.isEmpty() && ((Number) settlement.get(0).get("last_event_sequence")).longValue()
                >= lastSequence) {
            compare(diffs, meterId, "settlement_meter", "balance", expected.balance(),
                    (BigDecimal) settlement.get(0).get("balance"));
            compare(diffs, meterId, "settlement_meter", "debt", expected.debt(),
                    (BigDecimal) settlement.get(0).get("debt"));
        }
        compare(diffs, meterId, "event_chain", "events processed but not chained", List.of(), unchained(meterId, chain));
        for (Difference d : diffs) {
            log.warn("event=reconciliation_difference meter={} read_model={} figure=\"{}\" from_events={} "
                            + "in_read_model={} action=\"reset the processor that feeds {} to replay it from the "
                            + "event store, then check the projector for a defect\"", d.meterId(), d.readModel(),
                    d.figure(), d.fromEvents(), d.inReadModel(), d.readModel());
        }
        if (!diffs.isEmpty()) {
            metrics.counter("gridledger.reconciliation.differences_found").increment(diffs.size());
        }
        return diffs;
    }

    /** How far the settlement-chain processor has come: its token's index and the gaps it still waits for. */
    private record ChainProgress(long index, Set<Long> gaps) {
    }

    /** Read once per batch of accounts; empty while the processor has no gap-aware token (e.g. replaying). */
    private ChainProgress chainProgress() {
        List<Map<String, Object>> tokens = jdbc.queryForList(
                "SELECT token_type, token FROM token_entry WHERE processor_name = ? AND segment = 0",
                ProcessingGroups.SETTLEMENT_CHAIN);
        if (tokens.isEmpty() || !String.valueOf(tokens.get(0).get("token_type")).endsWith("GapAwareTrackingToken")) {
            return null;
        }
        try {
            JsonNode token = TOKENS.readTree((byte[]) tokens.get(0).get("token"));
            Set<Long> gaps = new HashSet<>();
            token.path("gaps").forEach(g -> gaps.add(g.asLong()));
            return new ChainProgress(token.path("index").asLong(), gaps);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The account's events that the settlement-chain processor has passed (its token covers them)
     * but that are missing from the hash chain. Judged by the token, not by time, so an event still
     * waiting behind a gap is never reported.
     */
    private List<Long> unchained(String meterId, ChainProgress chain) {
        if (chain == null) {
            return List.of();
        }
        List<Long> missing = new ArrayList<>(jdbc.queryForList("""
                SELECT e.global_index FROM domain_event_entry e
                WHERE e.aggregate_identifier = ? AND e.global_index <= ?
                  AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index)
                ORDER BY e.global_index""", Long.class, meterId, chain.index()));
        missing.removeAll(chain.gaps());
        return missing;
    }

    private static void compare(List<Difference> diffs, String meterId, String model, String figure, Object expected,
                                Object actual) {
        boolean same = expected instanceof BigDecimal e && actual instanceof BigDecimal a
                ? e.compareTo(a) == 0 : Objects.equals(expected, actual);
        if (!same) {
            diffs.add(new Difference(meterId, model, figure, String.valueOf(expected), String.valueOf(actual)));
        }
    }
}
