package io.gridledger.api.settlement;

import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.projections.settlement.SettlementRunQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Closes each period by itself once its grace time has passed in the latest time zone on Earth
 * (UTC−12), issuing R1; afterwards, issues a revision of a recent period's run whenever late data
 * has changed one of its figures.
 */
@Component
public class SettlementScheduler {

    private static final ZoneOffset LATEST = ZoneOffset.ofHours(-12);
    private static final int RECENT_PERIODS = 3;
    private static final Logger log = LoggerFactory.getLogger(SettlementScheduler.class);

    private final PeriodClosing closing;
    private final SettlementRuns runs;
    private final SettlementRunQueries queries;
    private final Clock clock;

    public SettlementScheduler(PeriodClosing closing, SettlementRuns runs, SettlementRunQueries queries, Clock clock) {
        this.closing = closing;
        this.runs = runs;
        this.queries = queries;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gridledger.settlement.schedule-interval}",
            initialDelayString = "${gridledger.settlement.schedule-interval}")
    public void closeDuePeriodsAndReviseRuns() {
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        for (int back = RECENT_PERIODS; back >= 1; back--) {
            YearMonth period = current.minusMonths(back);
            try {
                if (!runs.runs(period).isEmpty()) {
                    runs.issueIfChanged(period);
                } else if (!SettlementPeriods.closesAt(period, LATEST).isAfter(now) && queries.metersBilled(period) > 0) {
                    closing.close(period);
                }
            } catch (RuntimeException e) {
                log.warn("event=settlement_schedule_failed period={} reason=\"{}\" action=\"retried on the next run\"",
                        period, e.getMessage());
            }
        }
    }
}
