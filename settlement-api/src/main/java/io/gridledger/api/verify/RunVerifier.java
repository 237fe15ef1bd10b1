package io.gridledger.api.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.api.eventstore.EventStoreConfiguration;
import io.gridledger.api.settlement.RunExport;
import io.gridledger.ledger.tariff.TariffVersionDefined;
import io.gridledger.projections.settlement.CanonicalJson;
import io.gridledger.projections.settlement.ChainedEvent;
import io.gridledger.projections.settlement.SettlementFact;
import io.gridledger.projections.settlement.SettlementFacts;
import io.gridledger.projections.settlement.SettlementFigures;
import io.gridledger.projections.settlement.SettlementMeterState;
import io.gridledger.projections.settlement.SettlementRunDocument;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a settlement run against an export of the events it covers, without the server: the
 * report must be the canonical signed document, the export must rebuild the hash chain up to the
 * run's root, and the figures recomputed from the exported events must equal the run's.
 */
public final class RunVerifier {

    /** What the verification found; {@code problems} is empty when the run is verified. */
    public record Result(List<String> problems, long events, String root) {
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    private static final ObjectMapper LINES = new ObjectMapper();

    private RunVerifier() {
    }

    public static Result verify(String report, BufferedReader export) throws IOException {
        List<String> problems = new ArrayList<>();
        String text = report.endsWith("\n") ? report.substring(0, report.length() - 1) : report;
        JsonNode node;
        try {
            node = CanonicalJson.parse(text);
        } catch (IllegalArgumentException e) {
            return new Result(List.of("the report is not JSON: " + e.getMessage()), 0, null);
        }
        if (!CanonicalJson.write(node).equals(text)) {
            problems.add("the report is not byte for byte the document as issued (canonical form differs)");
        }
        if (!CanonicalJson.digest(node).equals(node.path("digest").asText())) {
            problems.add("the report's digest does not match its content");
        }
        SettlementRunDocument run = LINES.treeToValue(node, SettlementRunDocument.class);
        YearMonth period = YearMonth.parse(run.period());

        ObjectMapper events = EventStoreConfiguration.storageMapper();
        Map<String, SettlementMeterState> states = new HashMap<>();
        SettlementFacts.Meters meters = new SettlementFacts.Meters() {
            @Override
            public SettlementMeterState find(String meterId) {
                return states.get(meterId);
            }

            @Override
            public void put(SettlementMeterState state) {
                states.put(state.meterId(), state);
            }
        };
        Map<String, BigDecimal> taxPercent = new HashMap<>();
        List<SettlementFact> facts = new ArrayList<>();
        String hash = ChainedEvent.GENESIS;
        long expectedSeq = run.chain().fromChainSeq();
        long count = 0;
        long firstIndex = -1;
        long lastIndex = -1;
        Instant lastAt = null;
        String line;
        int lineNo = 0;
        while ((line = export.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            RunExport.Line e;
            byte[] payload;
            try {
                e = LINES.readValue(line, RunExport.Line.class);
                payload = Base64.getDecoder().decode(e.payload());
            } catch (IOException | IllegalArgumentException ex) {
                problems.add("export line " + lineNo + " cannot be read: " + ex.getMessage());
                return new Result(problems, count, hash);
            }
            if (e.chainSeq() != expectedSeq) {
                problems.add("export line " + lineNo + " is chain position " + e.chainSeq() + ", expected "
                        + expectedSeq + " (an event is missing or out of order)");
                return new Result(problems, count, hash);
            }
            Instant at = Instant.parse(e.timestamp());
            hash = new ChainedEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(), at,
                    e.payloadType(), e.payloadRevision(), payload).chainAfter(hash);
            if (!hash.equals(e.chainHash())) {
                problems.add("export line " + lineNo + " (global index " + e.globalIndex()
                        + ") does not rebuild the chain: the export was changed at or before this event");
                return new Result(problems, count, hash);
            }
            Object event;
            try {
                event = events.readValue(payload, Class.forName(e.payloadType()));
            } catch (ClassNotFoundException | IOException ex) {
                problems.add("export line " + lineNo + " holds an unreadable " + e.payloadType() + ": " + ex.getMessage());
                return new Result(problems, count, hash);
            }
            if (event instanceof TariffVersionDefined t) {
                taxPercent.put(t.tariffId().value() + "#" + t.version(), t.definition().taxPercent());
            }
            facts.addAll(SettlementFacts.apply(event, e.sequence(), at, meters));
            if (firstIndex < 0) {
                firstIndex = e.globalIndex();
            }
            lastIndex = e.globalIndex();
            lastAt = at;
            expectedSeq++;
            count++;
        }
        if (!hash.equals(run.chain().root())) {
            problems.add("the export's chain root " + hash + " is not the run's root " + run.chain().root());
        }
        if (expectedSeq - 1 != run.chain().toChainSeq() || firstIndex != run.chain().fromGlobalIndex()
                || lastIndex != run.chain().toGlobalIndex()) {
            problems.add("the export covers events " + firstIndex + ".." + lastIndex + " (chain to " + (expectedSeq - 1)
                    + "), the run " + run.chain().fromGlobalIndex() + ".." + run.chain().toGlobalIndex() + " (chain to "
                    + run.chain().toChainSeq() + ")");
        }
        if (lastAt == null) {
            problems.add("the export holds no events");
            return new Result(problems, count, hash);
        }
        Set<String> billed = new HashSet<>();
        facts.stream().filter(f -> f.period().equals(period)).forEach(f -> billed.add(f.meterId()));
        List<SettlementMeterState> all = new ArrayList<>(states.values());
        SettlementFigures figures = SettlementFigures.compute(SettlementFigures.group(facts, period), billed.size(), all,
                SettlementFigures.ongoingSeconds(all, period, lastAt),
                (tariffId, version) -> Optional.ofNullable(taxPercent.get(tariffId + "#" + version)));
        JsonNode expected = CanonicalJson.tree(figures);
        JsonNode reported = node.path("figures");
        if (!CanonicalJson.write(expected).equals(CanonicalJson.write(reported))) {
            for (SettlementRunDocument.Change c : SettlementRunDocument.changes(
                    LINES.treeToValue(reported, SettlementFigures.class), figures)) {
                problems.add("figure " + c.figure() + " is " + c.previous() + " in the run but " + c.current()
                        + " from the events");
            }
        }
        return new Result(problems, count, hash);
    }
}
