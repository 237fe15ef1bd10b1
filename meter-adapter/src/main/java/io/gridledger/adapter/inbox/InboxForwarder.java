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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hands stored device messages to the ledger, oldest first, each meter's in order and meters side
 * by side ({@code gridledger.adapter.forward-parallelism} threads). When the ledger is unavailable
 * the messages stay stored and are tried again with a growing pause (up to 30 s); a meter whose
 * message failed is skipped for the rest of the pass, so its messages keep their order. A message the
 * ledger refuses for good is set aside with the reason. The ledger ignores what it already has,
 * so a message delivered again after a crash charges nothing twice.
 */
@Component
public class InboxForwarder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxForwarder.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);

    private final AdapterInbox inbox;
    private final LedgerPort ledger;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final Semaphore nudges = new Semaphore(0);
    private final ExecutorService pool;
    private volatile boolean running = true;
    private Thread thread;

    public InboxForwarder(AdapterInbox inbox, LedgerPort ledger, Clock clock, MeterRegistry metrics,
                          @Value("${gridledger.adapter.forward-batch-size:1000}") int batchSize,
                          @Value("${gridledger.adapter.forward-parallelism:8}") int parallelism) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "adapter-forwarder");
            t.setDaemon(true);
            return t;
        });
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
        Duration pause = IDLE_POLL;
        while (running) {
            try {
                Pass pass = forwardOnce();
                if (pass.failed()) {
                    pause = min(pause.multipliedBy(2), MAX_PAUSE);
                    sleep(pause);
                } else {
                    pause = IDLE_POLL;
                    if (pass.seen() < batchSize) {
                        nudges.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                        nudges.drainPermits();
                    }
                }
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

    /** What one pass saw: how many stored messages, and whether the ledger failed on any. */
    public record Pass(int seen, boolean failed) {
    }

    /**
     * One pass over the oldest stored messages: each meter's messages in order on one of the
     * forwarding threads, meters side by side.
     */
    public Pass forwardOnce() throws InterruptedException {
        List<AdapterInbox.Pending> batch = inbox.pending(batchSize);
        Map<String, List<AdapterInbox.Pending>> byMeter = new LinkedHashMap<>();
        for (AdapterInbox.Pending m : batch) {
            byMeter.computeIfAbsent(m.meterId(), k -> new ArrayList<>()).add(m);
        }
        List<Future<Boolean>> meters = new ArrayList<>(byMeter.size());
        for (List<AdapterInbox.Pending> messages : byMeter.values()) {
            meters.add(pool.submit(() -> forwardMeter(messages)));
        }
        boolean failed = false;
        for (Future<Boolean> f : meters) {
            try {
                failed |= !f.get();
            } catch (ExecutionException e) {
                failed = true;
                log.warn("event=adapter_forward_failed reason=\"{}\"", e.getCause().getMessage());
            }
        }
        return new Pass(batch.size(), failed);
    }

    /** Forwards one meter's messages in order; stops at the first the ledger could not take (false). */
    private boolean forwardMeter(List<AdapterInbox.Pending> messages) {
        List<Long> delivered = new ArrayList<>(messages.size());
        boolean ok = true;
        for (AdapterInbox.Pending m : messages) {
            try {
                deliver(m);
                delivered.add(m.id());
            } catch (LedgerRefusedException | InvalidPayloadException e) {
                inbox.setAside(m.id(), clock.instant(), e.getMessage());
                metrics.counter("gridledger.adapter.forwarded", "outcome", "refused").increment();
                log.warn("event=device_message_refused meter={} inbox_id={} reason=\"{}\" action=\"check the meter's "
                        + "account and data; the message is kept in adapter_inbox\"", m.meterId(), m.id(), e.getMessage());
            } catch (RuntimeException e) {
                inbox.failedAttempt(m.id(), String.valueOf(e.getMessage()));
                metrics.counter("gridledger.adapter.forwarded", "outcome", "retrying").increment();
                if (m.attempts() == 0) {
                    log.warn("event=ledger_unavailable meter={} inbox_id={} reason=\"{}\" action=\"none: the message is "
                            + "stored and forwarded when the ledger answers\"", m.meterId(), m.id(), e.getMessage());
                }
                ok = false;
                break;
            }
        }
        if (!delivered.isEmpty()) {
            inbox.settleDelivered(delivered, clock.instant());
            metrics.counter("gridledger.adapter.forwarded", "outcome", "delivered").increment(delivered.size());
        }
        return ok;
    }

    private void deliver(AdapterInbox.Pending m) {
        switch (m.kind()) {
            case READINGS -> ledger.deliverReadings(m.meterId(), Payloads.readings(m.payload()), m.receivedAt());
            case EVENTS -> ledger.recordEvents(m.meterId(), Payloads.events(m.payload()), m.receivedAt());
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
        pool.shutdownNow();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
