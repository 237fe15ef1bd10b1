package io.gridledger.adapter.inbox;

import io.gridledger.adapter.ledger.LedgerPort;
import io.gridledger.adapter.ledger.LedgerRefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hands stored device messages to the ledger, oldest first. When the ledger is unavailable the
 * messages stay stored and are tried again with a growing pause (up to 30 s); a meter whose message
 * failed is skipped for the rest of the pass, so its messages keep their order. A message the
 * ledger refuses for good is set aside with the reason. The ledger ignores what it already has,
 * so a message delivered again after a crash charges nothing twice.
 */
@Component
public class InboxForwarder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxForwarder.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final AdapterInbox inbox;
    private final LedgerPort ledger;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final Semaphore nudges = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    public InboxForwarder(AdapterInbox inbox, LedgerPort ledger, Clock clock, MeterRegistry metrics,
                          @Value("${gridledger.adapter.forward-batch-size:200}") int batchSize) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
        metrics.gauge("gridledger.adapter.inbox.pending", inbox, AdapterInbox::pendingCount);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "adapter-inbox-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Something was stored: look now rather than at the next poll. */
    public void nudge() {
        nudges.release();
    }

    private void run() {
        Duration pause = Duration.ofMillis(250);
        while (running) {
            try {
                boolean allDelivered = forwardOnce();
                pause = allDelivered ? Duration.ofMillis(250) : min(pause.multipliedBy(2), MAX_PAUSE);
                nudges.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                nudges.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("event=adapter_inbox_unavailable reason=\"{}\" action=\"check the database; stored messages "
                        + "are forwarded once it answers\"", e.getMessage());
                pause = min(pause.multipliedBy(2), MAX_PAUSE);
                sleep(pause);
            }
        }
    }

    /** One pass over the stored messages; whether every message it saw was settled. */
    public boolean forwardOnce() {
        List<AdapterInbox.Pending> batch = inbox.pending(batchSize);
        Set<String> blocked = new HashSet<>();
        for (AdapterInbox.Pending m : batch) {
            if (blocked.contains(m.meterId())) {
                continue;
            }
            try {
                deliver(m);
                inbox.settle(m.id(), clock.instant(), null);
                metrics.counter("gridledger.adapter.forwarded", "outcome", "delivered").increment();
            } catch (LedgerRefusedException | InvalidPayloadException e) {
                inbox.settle(m.id(), clock.instant(), e.getMessage());
                metrics.counter("gridledger.adapter.forwarded", "outcome", "refused").increment();
                log.warn("event=device_message_refused meter={} inbox_id={} reason=\"{}\" action=\"check the meter's "
                        + "account and data; the message is kept in adapter_inbox\"", m.meterId(), m.id(), e.getMessage());
            } catch (RuntimeException e) {
                blocked.add(m.meterId());
                inbox.failedAttempt(m.id(), String.valueOf(e.getMessage()));
                metrics.counter("gridledger.adapter.forwarded", "outcome", "retrying").increment();
                if (m.attempts() == 0) {
                    log.warn("event=ledger_unavailable meter={} inbox_id={} reason=\"{}\" action=\"none: the message is "
                            + "stored and forwarded when the ledger answers\"", m.meterId(), m.id(), e.getMessage());
                }
            }
        }
        return blocked.isEmpty() && batch.size() < batchSize;
    }

    private void deliver(AdapterInbox.Pending m) {
        switch (m.kind()) {
            case READINGS -> ledger.deliverReadings(m.meterId(), Payloads.readings(m.payload()), m.receivedAt());
            case SUPPLY_STATE -> {
                Payloads.SupplyStateReport report = Payloads.supplyState(m.payload());
                ledger.confirmSupplyState(m.meterId(), report.state(), report.at(), m.receivedAt());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
