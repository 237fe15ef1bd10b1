package io.gridledger.api.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.projections.settlement.CanonicalJson;
import io.gridledger.projections.settlement.SettlementFigures;
import io.gridledger.projections.settlement.SettlementMeterState;
import io.gridledger.projections.settlement.SettlementRunDocument;
import io.gridledger.projections.settlement.SettlementRunQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * Issues settlement runs from the pre-aggregated settlement tables: R1 when a period closes, and a
 * new revision whenever the figures have changed since the last run (late data). A run is computed
 * in one repeatable-read snapshot, so its figures match the chain head it names exactly.
 */
@Component
public class SettlementRuns {

    private static final Logger log = LoggerFactory.getLogger(SettlementRuns.class);
    private static final ObjectMapper DOCUMENTS = new ObjectMapper();
    private static final long CHAIN_CHECK_WINDOW = 100_000;

    private final SettlementRunQueries queries;
    private final TariffBook tariffs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final String retailer;
    private final Duration chainWait;

    public SettlementRuns(SettlementRunQueries queries, TariffBook tariffs, JdbcTemplate jdbc,
                          PlatformTransactionManager transactions, Clock clock, MeterRegistry metrics,
                          @Value("${gridledger.settlement.retailer}") String retailer,
                          @Value("${gridledger.settlement.chain-wait}") Duration chainWait) {
        this.queries = queries;
        this.tariffs = tariffs;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.metrics = metrics;
        this.retailer = retailer;
        this.chainWait = chainWait;
    }

    /** The runs of {@code period}, oldest first. */
    public List<SettlementRunQueries.StoredRun> runs(YearMonth period) {
        return queries.runs(period);
    }

    /**
     * Issues the next run of {@code period} if there is none yet or a figure changed since the last;
     * returns the latest run either way (empty when the period has no settlement data at all).
     */
    public Optional<SettlementRunQueries.StoredRun> issueIfChanged(YearMonth period) {
        awaitChain();
        return snapshot.execute(tx -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "settlement-run:" + period);
            List<SettlementRunQueries.StoredRun> earlier = queries.runs(period);
            Optional<SettlementRunQueries.ChainHead> head = queries.chainHead();
            long billed = queries.metersBilled(period);
            if (head.isEmpty() || (billed == 0 && earlier.isEmpty())) {
                return Optional.<SettlementRunQueries.StoredRun>empty();
            }
            List<SettlementFigures.FactGroup> groups = queries.factGroups(period);
            if (groups.isEmpty()) {
                // nothing settled in the period (yet: a reset chain processor may be replaying)
                return earlier.isEmpty() ? Optional.<SettlementRunQueries.StoredRun>empty()
                        : Optional.of(earlier.get(earlier.size() - 1));
            }
            List<SettlementMeterState> disconnected = queries.disconnectedMeterStates();
            long ongoing = SettlementFigures.ongoingSeconds(disconnected, period, head.get().timestamp());
            SettlementRunQueries.StoredRun last = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
            SettlementFigures previous = last == null ? null : document(last).figures();
            if (previous != null && sameSettlement(previous,
                    SettlementFigures.compute(groups, billed, disconnected, ongoing, this::taxPercent))) {
                return Optional.of(last);
            }
            SettlementFigures figures = SettlementFigures.compute(groups, billed, queries.meterStates(), ongoing,
                    this::taxPercent);
            int revision = earlier.size() + 1;
            SettlementRunQueries.ChainHead h = head.get();
            Instant issuedAt = clock.instant();
            SettlementRunDocument unsigned = new SettlementRunDocument(retailer, period.toString(), "R" + revision,
                    revision, issuedAt.toString(),
                    new SettlementRunDocument.Chain(h.fromChainSeq(), h.chainSeq(), h.fromGlobalIndex(),
                            h.globalIndex(), h.timestamp().toString(), h.hash()),
                    figures, SettlementRunDocument.changes(previous, figures), null);
            ObjectNode tree = (ObjectNode) CanonicalJson.tree(unsigned);
            tree.remove("digest");
            String canonical = CanonicalJson.signed(tree);
            SettlementRunDocument signed = parse(canonical);
            queries.insertRun(signed, canonical);
            metrics.counter("gridledger.settlement.runs").increment();
            log.info("event=settlement_run_issued period={} run={} meters={} chain_to={} changes={}", period,
                    signed.run(), billed, h.globalIndex(), signed.changes().size());
            return Optional.of(new SettlementRunQueries.StoredRun(period.toString(), revision, issuedAt, canonical));
        });
    }

    /**
     * Whether two runs settle the period alike. Outstanding debt and emergency credit are a snapshot
     * of the whole fleet at the run's last event and move with every top-up; they are reported, but
     * only a change in the period's own figures makes a new revision (so the check reads only the
     * period's facts and the disconnected accounts, not every account).
     */
    private static boolean sameSettlement(SettlementFigures a, SettlementFigures b) {
        return CanonicalJson.write(CanonicalJson.tree(a.withoutOutstanding()))
                .equals(CanonicalJson.write(CanonicalJson.tree(b.withoutOutstanding())));
    }

    private Optional<BigDecimal> taxPercent(String tariffId, int version) {
        return tariffs.find(new TariffId(tariffId)).flatMap(h -> h.version(version))
                .map(v -> v.definition().taxPercent());
    }

    /** Waits (bounded) until the chain holds every event committed so far. */
    private void awaitChain() {
        long target = queries.lastStoredGlobalIndex();
        long deadline = System.nanoTime() + chainWait.toNanos();
        while (target >= 0 && !queries.chainHasEverythingUpTo(target, CHAIN_CHECK_WINDOW)) {
            if (System.nanoTime() > deadline) {
                log.warn("event=settlement_chain_behind global_index={} action=\"the run covers the events chained "
                        + "so far; check the settlement-chain processor\"", target);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static SettlementRunDocument parse(String canonical) {
        try {
            return DOCUMENTS.readValue(canonical, SettlementRunDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored settlement run is not readable: " + e.getOriginalMessage(), e);
        }
    }

    static SettlementRunDocument document(SettlementRunQueries.StoredRun run) {
        return parse(run.document());
    }
}
