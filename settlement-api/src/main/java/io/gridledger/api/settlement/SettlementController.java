package io.gridledger.api.settlement;

import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.api.report.ReportFormat;
import io.gridledger.projections.settlement.SettlementRunDocument;
import io.gridledger.projections.settlement.SettlementRunQueries;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * Settlement periods and their runs for regulators: close a period, list its runs (R1, R2, …),
 * fetch one as signed JSON, CSV or PDF, and export the events it covers for the verifier.
 */
@RestController
@RequestMapping("/api/v1/settlement/periods/{period}")
public class SettlementController {

    private final PeriodClosing closing;
    private final SettlementRuns runs;
    private final RunExport export;

    public SettlementController(PeriodClosing closing, SettlementRuns runs, RunExport export) {
        this.closing = closing;
        this.runs = runs;
        this.export = export;
    }

    public record CloseResponse(String period, Instant closedAt, int meters, int closed, int alreadyClosed,
                                int notStarted, int failed, long tookMs, RunLink run) {
    }

    public record RunLink(String run, int revision, Instant issuedAt, String href) {
    }

    public record RunList(String period, List<RunLink> runs) {
    }

    /** Closes the period for every account (idempotent) and issues or refreshes its settlement run. */
    @PostMapping("/close")
    @io.gridledger.api.audit.Audited("PERIOD_CLOSE")
    public CloseResponse close(@PathVariable String period) {
        YearMonth p = Fields.period(period, "period");
        PeriodClosing.Result r = closing.close(p);
        return new CloseResponse(p.toString(), r.closedAt(), r.meters(), r.closed(), r.alreadyClosed(), r.notStarted(),
                r.failed(), r.took().toMillis(), r.run().map(this::link).orElse(null));
    }

    @GetMapping("/runs")
    public RunList runs(@PathVariable String period) {
        YearMonth p = Fields.period(period, "period");
        if (!runs.runs(p).isEmpty()) {
            runs.issueIfChanged(p);
        }
        return new RunList(p.toString(), runs.runs(p).stream().map(this::link).toList());
    }

    @GetMapping("/runs/{run}")
    public ResponseEntity<byte[]> run(@PathVariable String period, @PathVariable String run,
                                      @RequestHeader(value = "Accept", required = false) String accept) {
        ReportFormat format = ReportFormat.negotiate(accept);
        SettlementRunQueries.StoredRun stored = find(period, run);
        SettlementRunDocument doc = SettlementRuns.document(stored);
        String name = "settlement-" + stored.period() + "-R" + stored.revision();
        byte[] body = switch (format) {
            case JSON -> stored.document().getBytes(StandardCharsets.UTF_8);
            case CSV -> RunRenderings.csv(doc).getBytes(StandardCharsets.UTF_8);
            case PDF -> RunRenderings.pdf(doc);
        };
        return ResponseEntity.ok().contentType(format.mediaType())
                .header("Content-Disposition", (format == ReportFormat.PDF ? "inline" : "attachment")
                        + "; filename=\"" + name + "." + format.name().toLowerCase(Locale.ROOT) + "\"")
                .body(body);
    }

    /** The events the run covers, one JSON object per line in chain order, for {@code ops/verify-run.sh}. */
    @GetMapping(value = "/runs/{run}/events", produces = "application/x-ndjson")
    public ResponseEntity<StreamingResponseBody> events(@PathVariable String period, @PathVariable String run) {
        SettlementRunQueries.StoredRun stored = find(period, run);
        long toChainSeq = SettlementRuns.document(stored).chain().toChainSeq();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson"))
                .header("Content-Disposition", "attachment; filename=\"settlement-" + stored.period() + "-R"
                        + stored.revision() + "-events.ndjson\"")
                .body(out -> export.write(toChainSeq, out));
    }

    private SettlementRunQueries.StoredRun find(String period, String run) {
        YearMonth p = Fields.period(period, "period");
        int revision;
        try {
            revision = Integer.parseInt(run.toUpperCase(Locale.ROOT).startsWith("R") ? run.substring(1) : run);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("run", "'" + run + "' is not a run number such as R1 or 1");
        }
        return runs.runs(p).stream().filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> new NotFoundException("run", "period " + p + " has no run R" + revision
                        + "; close the period with POST /api/v1/settlement/periods/" + p + "/close"));
    }

    private RunLink link(SettlementRunQueries.StoredRun r) {
        return new RunLink("R" + r.revision(), r.revision(), r.issuedAt(),
                "/api/v1/settlement/periods/" + r.period() + "/runs/R" + r.revision());
    }
}
