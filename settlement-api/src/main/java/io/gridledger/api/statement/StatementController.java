package io.gridledger.api.statement;

import io.gridledger.api.history.AccountHistory;
import io.gridledger.api.input.Fields;
import io.gridledger.api.input.MoneyJson;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.api.report.ReportFormat;
import io.gridledger.ledger.statement.AccountStatements;
import io.gridledger.ledger.statement.Statement;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.balance.BalanceView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * Statements (automatic bills) of one meter per settlement period, folded from the account's
 * events in the event store, so they are exact and can be asked as of any past instant.
 */
@RestController
@RequestMapping("/api/v1/meters/{meterId}/statements")
public class StatementController {

    private final AccountHistory history;
    private final BalanceQueries balances;
    private final TariffBook tariffs;

    public StatementController(AccountHistory history, BalanceQueries balances, TariffBook tariffs) {
        this.history = history;
        this.balances = balances;
        this.tariffs = tariffs;
    }

    public record StatementList(String meterId, Instant asOf, List<Summary> statements) {
    }

    public record Summary(String period, String status, Instant closedAt,
                          MoneyJson openingBalance,
                          MoneyJson closingBalance, String href) {
    }

    @GetMapping
    public StatementList list(@PathVariable String meterId, @RequestParam(required = false) String asOf) {
        Instant at = Fields.optionalInstant(asOf, "asOf");
        return new StatementList(meterId, at, statementsOf(meterId, at).statements().stream()
                .map(s -> new Summary(s.period().toString(), s.status().name(), s.closedAt(),
                        MoneyJson.of(s.openingBalance()),
                        MoneyJson.of(s.closingBalance()),
                        "/api/v1/meters/" + meterId + "/statements/" + s.period()))
                .toList());
    }

    @GetMapping("/{period}")
    public ResponseEntity<?> statement(@PathVariable String meterId, @PathVariable String period,
                                       @RequestParam(required = false) String asOf,
                                       @RequestHeader(value = "Accept", required = false) String accept) {
        ReportFormat format = ReportFormat.negotiate(accept);
        YearMonth p = Fields.period(period, "period");
        Instant at = Fields.optionalInstant(asOf, "asOf");
        Statement s = statementsOf(meterId, at).statement(p).orElseThrow(() -> new NotFoundException("period",
                "meter '" + meterId + "' has no statement for " + p + (at == null ? "" : " as of " + at)
                        + "; its account was not open then"));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(format.mediaType());
        return switch (format) {
            case JSON -> ok.body(StatementDocument.of(s, at));
            case CSV -> ok.header("Content-Disposition", "attachment; filename=\"statement-" + meterId + "-" + p
                    + ".csv\"").body(StatementRenderings.csv(s).getBytes(StandardCharsets.UTF_8));
            case PDF -> ok.header("Content-Disposition", "inline; filename=\"statement-" + meterId + "-" + p
                    + ".pdf\"").body(StatementRenderings.pdf(s, at));
        };
    }

    private AccountStatements statementsOf(String meterId, Instant asOf) {
        BalanceView view = balances.findBalance(meterId).orElseThrow(() -> new NotFoundException("meterId",
                "no meter account '" + meterId + "'; open it with POST /api/v1/meters"));
        TariffHistory tariff = tariffs.find(new TariffId(view.tariffId())).orElse(null);
        return AccountStatements.fold(AccountHistory.payloads(history.eventsOf(meterId, asOf)), tariff);
    }
}
