package io.gridledger.api.meter;

import io.gridledger.projections.balance.BalanceQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Read-your-writes for the API: after a command, wait (bounded) until the balance view has absorbed
 * the account's events up to the command's sequence, so the caller's next GET shows its own change.
 * The write itself is already durable in the event store whether or not the wait succeeds.
 */
@Component
public class BalanceCatchUp {

    private static final Logger log = LoggerFactory.getLogger(BalanceCatchUp.class);

    private final BalanceQueries balances;
    private final Duration timeout;

    BalanceCatchUp(BalanceQueries balances, @Value("${gridledger.read-your-writes.timeout}") Duration timeout) {
        this.balances = balances;
        this.timeout = timeout;
    }

    public void await(String meterId, long sequence) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (balances.findLastSequence(meterId) < sequence) {
            if (System.nanoTime() > deadline) {
                log.warn("event=read_model_lagging meter={} sequence={} waited_ms={} action=\"check the "
                        + "account-views processor in /actuator/metrics\"", meterId, sequence, timeout.toMillis());
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 50);
        }
    }
}
