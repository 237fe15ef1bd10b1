package io.gridledger.api.settlement;

import io.gridledger.api.problem.ConflictException;
import io.gridledger.ledger.account.CloseSettlementPeriod;
import io.gridledger.ledger.account.PeriodCloseOutcome;
import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.settlement.SettlementRunQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closes a settlement period for every account (each account closes its own stream; closing is
 * idempotent), then issues the period's settlement run. Used by operators (early close) and by
 * the scheduler once the grace time has passed everywhere.
 */
@Component
public class PeriodClosing {

    /** The earliest time zone on Earth: a period has begun somewhere once it has begun here. */
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

    private static final Logger log = LoggerFactory.getLogger(PeriodClosing.class);

    private final CommandGateway commands;
    private final BalanceQueries balances;
    private final SettlementRuns runs;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int parallelism;

    public PeriodClosing(CommandGateway commands, BalanceQueries balances, SettlementRuns runs, Clock clock,
                         MeterRegistry metrics, @Value("${gridledger.settlement.close-parallelism}") int parallelism) {
        this.commands = commands;
        this.balances = balances;
        this.runs = runs;
        this.clock = clock;
        this.metrics = metrics;
        this.parallelism = parallelism;
    }

    /** How a close went: accounts by outcome, failures, and the run it issued (if any data). */
    public record Result(YearMonth period, Instant closedAt, int meters, int closed, int alreadyClosed,
                         int notStarted, int failed, Duration took, Duration runTook,
                         Optional<SettlementRunQueries.StoredRun> run) {
    }

    public Result close(YearMonth period) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        if (SettlementPeriods.startOf(period, EARLIEST).isAfter(now)) {
            throw new ConflictException("period-not-started", "Period not started", "period",
                    "period " + period + " has not begun anywhere yet; a period can be closed once it has begun");
        }
        List<String> meterIds = balances.findAllMeterIds();
        Map<PeriodCloseOutcome.Status, Integer> counts = new EnumMap<>(PeriodCloseOutcome.Status.class);
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, meterIds.size())));
        try {
            List<Future<PeriodCloseOutcome>> outcomes = new ArrayList<>(meterIds.size());
            for (String meterId : meterIds) {
                outcomes.add(pool.submit(() -> closeOne(meterId, period, now)));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                try {
                    counts.merge(outcomes.get(i).get().status(), 1, Integer::sum);
                } catch (Exception e) {
                    failed++;
                    log.warn("event=period_close_failed meter={} period={} reason=\"{}\" action=\"close the period "
                            + "again; closing is idempotent\"", meterIds.get(i), period, rootMessage(e));
                }
            }
        } finally {
            pool.shutdown();
        }
        long runStarted = System.nanoTime();
        Optional<SettlementRunQueries.StoredRun> run = runs.issueIfChanged(period);
        Duration runTook = Duration.ofNanos(System.nanoTime() - runStarted);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.timer("gridledger.settlement.close").record(took);
        log.info("event=period_closed period={} meters={} closed={} already_closed={} failed={} took_ms={}", period,
                meterIds.size(), counts.getOrDefault(PeriodCloseOutcome.Status.CLOSED, 0),
                counts.getOrDefault(PeriodCloseOutcome.Status.ALREADY_CLOSED, 0), failed, took.toMillis());
        return new Result(period, now, meterIds.size(), counts.getOrDefault(PeriodCloseOutcome.Status.CLOSED, 0),
                counts.getOrDefault(PeriodCloseOutcome.Status.ALREADY_CLOSED, 0),
                counts.getOrDefault(PeriodCloseOutcome.Status.NOT_STARTED, 0), failed, took, runTook, run);
    }

    private PeriodCloseOutcome closeOne(String meterId, YearMonth period, Instant at) {
        CloseSettlementPeriod command = new CloseSettlementPeriod(new MeterId(meterId), period, at);
        try {
            return commands.sendAndWait(command);
        } catch (org.axonframework.modelling.command.ConcurrencyException e) {
            return commands.sendAndWait(command);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
