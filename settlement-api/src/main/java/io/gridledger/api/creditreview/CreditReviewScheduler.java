package io.gridledger.api.creditreview;

import io.gridledger.ledger.account.ReviewCreditControl;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.projections.balance.BalanceQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Lets time act on accounts: every interval it finds the accounts with a standing charge, a relay
 * retry or expiry, or the end of a friendly period due, and sends each a {@link ReviewCreditControl}.
 * The command is harmless when nothing is due, so overlapping runs or several nodes do no harm.
 */
@Component
public class CreditReviewScheduler {

    private static final Logger log = LoggerFactory.getLogger(CreditReviewScheduler.class);

    private final BalanceQueries balances;
    private final CommandGateway commands;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;

    public CreditReviewScheduler(BalanceQueries balances, CommandGateway commands, Clock clock, MeterRegistry metrics,
                                 @Value("${gridledger.credit-review.batch-size}") int batchSize) {
        this.balances = balances;
        this.commands = commands;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${gridledger.credit-review.interval}",
            initialDelayString = "${gridledger.credit-review.interval}")
    public void reviewDueAccounts() {
        Instant now = clock.instant();
        List<String> due = balances.findMetersDueForReview(now, batchSize);
        int failed = 0;
        for (String meterId : due) {
            try {
                commands.sendAndWait(new ReviewCreditControl(new MeterId(meterId), now));
            } catch (RuntimeException e) {
                failed++;
                log.warn("event=credit_review_failed meter={} reason=\"{}\" action=\"retried on the next run\"",
                        meterId, e.getMessage());
            }
        }
        metrics.counter("gridledger.credit_reviews").increment(due.size() - failed);
        if (!due.isEmpty()) {
            log.debug("event=credit_review meters={} failed={}", due.size(), failed);
        }
    }
}
