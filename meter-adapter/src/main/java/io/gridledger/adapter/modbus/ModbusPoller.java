package io.gridledger.adapter.modbus;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.MissedReads;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.AdapterInbox;
import io.gridledger.adapter.inbox.InboxForwarder;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.ledger.account.RegisterReading;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Polls the Modbus meters that are due: each read gets {@code timeout} and {@code retries} more
 * tries; a reading is stored in the inbox (and forwarded like any delivery) together with the next
 * poll time. A meter that does not answer is handled by {@link MissedReads}.
 */
@Component
public class ModbusPoller implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ModbusPoller.class);

    private final ModbusMeters meters;
    private final MeterDevices devices;
    private final MissedReads missedReads;
    private final AdapterInbox inbox;
    private final InboxForwarder forwarder;
    private final TransactionTemplate transactions;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Duration timeout;
    private final int retries;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "modbus-poller");
        t.setDaemon(true);
        return t;
    });

    public ModbusPoller(ModbusMeters meters, MeterDevices devices, MissedReads missedReads, AdapterInbox inbox, InboxForwarder forwarder,
                        TransactionTemplate transactions, MeterRegistry metrics, Clock clock,
                        @Value("${gridledger.adapter.modbus.timeout:2s}") Duration timeout,
                        @Value("${gridledger.adapter.modbus.retries:2}") int retries) {
        this.meters = meters;
        this.devices = devices;
        this.missedReads = missedReads;
        this.inbox = inbox;
        this.forwarder = forwarder;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
        this.retries = retries;
    }

    @Scheduled(fixedDelayString = "${gridledger.adapter.modbus.tick:1s}")
    public void pollDue() {
        List<Future<?>> running = new ArrayList<>();
        for (ModbusMeters.ModbusMeter meter : meters.due(clock.instant(), 200)) {
            running.add(pool.submit(() -> poll(meter)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("event=modbus_poll_failed reason=\"{}\"", e.getMessage());
            }
        }
    }

    void poll(ModbusMeters.ModbusMeter meter) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RegisterMap map = RegisterMap.of(meter.model());
        Exception last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                RegisterReading reading = ModbusMeterReader.read(meter.host(), meter.port(), meter.unitId(), map,
                        timeout, at);
                byte[] payload = Payloads.write(Map.of("readings", List.of(reading)));
                transactions.executeWithoutResult(tx -> {
                    inbox.store(meter.meterId(), InboxKind.READINGS, payload, at);
                    devices.seen(meter.meterId(), Protocol.MODBUS, at);
                    meters.scheduleNext(meter.meterId(), at.plus(meter.pollInterval()), 0);
                });
                forwarder.nudge();
                metrics.counter("gridledger.adapter.messages", "protocol", "MODBUS", "outcome", "accepted").increment();
                if (meter.consecutiveFailures() >= MissedReads.OFFLINE_AFTER) {
                    log.info("event=meter_online meter={} protocol=MODBUS", meter.meterId());
                }
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        Instant next = missedReads.missed(Protocol.MODBUS, meter.meterId(), meter.host() + ":" + meter.port(),
                meter.pollInterval(), meter.consecutiveFailures(), last, at);
        meters.scheduleNext(meter.meterId(), next, meter.consecutiveFailures() + 1);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
