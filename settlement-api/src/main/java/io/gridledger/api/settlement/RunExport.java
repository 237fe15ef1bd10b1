package io.gridledger.api.settlement;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridledger.projections.settlement.SettlementRunQueries;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes the events a run covers as NDJSON, in chain order, with each event's payload bytes exactly
 * as stored (base64) and the chain hash after it. The verifier recomputes the chain from these lines.
 */
@Component
public class RunExport {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final SettlementRunQueries queries;
    private final TransactionTemplate transaction;

    public RunExport(SettlementRunQueries queries, PlatformTransactionManager transactions) {
        this.queries = queries;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
    }

    /** One exported event; {@code chainHash} is the chain's hash after it. */
    public record Line(long chainSeq, String chainHash, long globalIndex, String eventId, String aggregateType,
                       String aggregateId, long sequence, String timestamp, String payloadType, String payloadRevision,
                       String payload) {
    }

    public void write(long toChainSeq, OutputStream out) {
        transaction.executeWithoutResult(tx -> queries.exportEvents(toChainSeq, rs -> {
            Line line = new Line(rs.getLong("chain_seq"), rs.getString("hash").trim(), rs.getLong("global_index"),
                    rs.getString("event_identifier"), rs.getString("type"), rs.getString("aggregate_identifier"),
                    rs.getLong("sequence_number"), Instant.parse(rs.getString("time_stamp")).toString(),
                    rs.getString("payload_type"), rs.getString("payload_revision"),
                    Base64.getEncoder().encodeToString(rs.getBytes("payload")));
            try {
                JSON.writeValue(out, line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
