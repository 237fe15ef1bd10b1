package io.gridledger.adapter.device;

import io.gridledger.adapter.inbox.AdapterInbox;
import io.gridledger.adapter.inbox.InboxForwarder;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What the head-end does with meters it reads itself (Modbus, DLMS, P1 over TCP), as opposed to
 * meters that send: read the due ones side by side, and store what they gave — readings, or the
 * relay state read back after a command — in the inbox together with the contact, so that it is
 * forwarded like any delivery.
 */
@Component
public class PolledDevices implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PolledDevices.class);

    private final MeterDevices devices;
    private final AdapterInbox inbox;
    private final InboxForwarder forwarder;
    private final TransactionTemplate transactions;
    private final MeterRegistry metrics;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "head-end-reader");
        t.setDaemon(true);
        return t;
    });

    public PolledDevices(MeterDevices devices, AdapterInbox inbox, InboxForwarder forwarder,
                         TransactionTemplate transactions, MeterRegistry metrics) {
        this.devices = devices;
        this.inbox = inbox;
        this.forwarder = forwarder;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** Reads every due meter on the readers' threads and waits for all of them. */
    public <T> void readAll(List<T> due, Consumer<T> read) {
        List<Future<?>> running = new ArrayList<>(due.size());
        for (T meter : due) {
            running.add(pool.submit(() -> read.accept(meter)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("event=meter_read_failed reason=\"{}\"", e.getMessage());
            }
        }
    }

    /** Stores one read's readings with the contact; {@code alongside} runs in the same transaction. */
    public void readings(String meterId, Protocol protocol, List<RegisterReading> readings, Instant at,
                         Runnable alongside) {
        byte[] payload = Payloads.write(Map.of("readings", readings));
        transactions.executeWithoutResult(tx -> {
            inbox.store(meterId, InboxKind.READINGS, payload, at);
            devices.seen(meterId, protocol, at);
            alongside.run();
        });
        forwarder.nudge();
        metrics.counter("gridledger.adapter.messages", "protocol", protocol.name(), "outcome", "accepted").increment();
    }

    /** Stores the relay state read back after carrying out {@code requestId}: the meter's confirmation. */
    public void relayState(String meterId, Protocol protocol, boolean connected, String requestId, Instant at) {
        byte[] report = Payloads.write(Map.of("state", connected ? SupplyState.CONNECTED : SupplyState.DISCONNECTED,
                "at", at.toString(), "requestId", requestId));
        transactions.executeWithoutResult(tx -> {
            inbox.store(meterId, InboxKind.SUPPLY_STATE, report, at);
            devices.seen(meterId, protocol, at);
        });
        forwarder.nudge();
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
