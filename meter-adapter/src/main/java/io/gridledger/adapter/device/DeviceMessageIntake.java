package io.gridledger.adapter.device;

import io.gridledger.adapter.inbox.AdapterInbox;
import io.gridledger.adapter.inbox.InboxForwarder;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.inbox.InvalidPayloadException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Where every device message enters, whatever the transport: the tag must verify with the meter's
 * key, the payload must follow its schema, and the counter must rise; only then is the message
 * stored (counter and message in one transaction) for the forwarder. Anything else changes nothing
 * and is counted in {@code gridledger.adapter.messages{outcome}}.
 */
@Component
public class DeviceMessageIntake {

    public enum Outcome { ACCEPTED, UNAUTHENTICATED, REPLAYED, MALFORMED }

    /** A message as the transport received it; {@code normalized} turns it into what the inbox stores. */
    public record Message(String meterId, Protocol protocol, InboxKind kind, String topic, long counter, String tag,
                          byte[] payload, Instant meterClock) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeviceMessageIntake.class);

    private final DeviceKeys keys;
    private final MeterDevices devices;
    private final AdapterInbox inbox;
    private final InboxForwarder forwarder;
    private final TransactionTemplate transactions;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final long maxPending;

    public DeviceMessageIntake(DeviceKeys keys, MeterDevices devices, AdapterInbox inbox, InboxForwarder forwarder,
                               TransactionTemplate transactions, MeterRegistry metrics, Clock clock,
                               @Value("${gridledger.adapter.max-pending:100000}") long maxPending) {
        this.keys = keys;
        this.devices = devices;
        this.inbox = inbox;
        this.forwarder = forwarder;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
        this.maxPending = maxPending;
    }

    /**
     * Takes a message in. Blocks while more than {@code max-pending} messages wait for the ledger, so
     * that the transport holds back (an unacknowledged QoS 1 message stays with the broker) rather
     * than anything being dropped.
     */
    public Outcome accept(Message m, Supplier<byte[]> normalized) throws InterruptedException {
        if (!keys.verify(m.meterId(), m.topic(), m.counter(), m.payload(), m.tag())) {
            return count(m, Outcome.UNAUTHENTICATED, "the tag does not verify with the meter's key");
        }
        byte[] stored;
        try {
            stored = normalized.get();
        } catch (InvalidPayloadException e) {
            return count(m, Outcome.MALFORMED, e.getMessage());
        }
        while (inbox.pendingCount() > maxPending) {
            metrics.counter("gridledger.adapter.backpressure_waits").increment();
            Thread.sleep(200);
        }
        Instant now = clock.instant();
        Boolean fresh = transactions.execute(tx -> {
            if (!devices.advanceCounter(m.meterId(), m.protocol(), m.counter(), now, m.meterClock())) {
                return false;
            }
            inbox.store(m.meterId(), m.kind(), stored, now);
            return true;
        });
        if (!Boolean.TRUE.equals(fresh)) {
            return count(m, Outcome.REPLAYED, "counter " + m.counter() + " is not above the last accepted one");
        }
        forwarder.nudge();
        return count(m, Outcome.ACCEPTED, null);
    }

    private Outcome count(Message m, Outcome outcome, String reason) {
        metrics.counter("gridledger.adapter.messages", "protocol", m.protocol().name(), "outcome",
                outcome.name().toLowerCase()).increment();
        if (outcome != Outcome.ACCEPTED) {
            log.warn("event=device_message_refused meter={} protocol={} outcome={} reason=\"{}\" action=\"{}\"",
                    m.meterId(), m.protocol(), outcome, reason, outcome == Outcome.MALFORMED
                            ? "check the device firmware against the payload schema in the README"
                            : "check the device's key and counter; repeated refusals may be an attack");
        }
        return outcome;
    }
}
