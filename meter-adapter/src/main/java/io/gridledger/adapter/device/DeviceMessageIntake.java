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
import java.util.List;
import java.util.OptionalLong;
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
     * A message with the step that turns it into what the inbox stores (and throws if it breaks the
     * schema). A self-authenticating message (a ciphered DLMS frame: its counter is the frame's
     * invocation counter) carries no tag; its {@code normalized} step deciphers and verifies it.
     */
    public record Candidate(Message message, Supplier<byte[]> normalized, boolean selfAuthenticating) {
        public Candidate(Message message, Supplier<byte[]> normalized) {
            this(message, normalized, false);
        }
    }

    /** Takes one message in; see {@link #acceptAll}. */
    public Outcome accept(Message m, Supplier<byte[]> normalized) throws InterruptedException {
        return acceptAll(List.of(new Candidate(m, normalized))).get(0);
    }

    /**
     * Takes messages in, in order, storing every fresh one in a single transaction (one commit for
     * the batch). Blocks while more than {@code max-pending} messages wait for the ledger, so that
     * the transport holds back (an unacknowledged QoS 1 message stays with the broker) rather than
     * anything being dropped. A gap in a meter's counter (messages lost before they reached the
     * head-end) is counted in {@code gridledger.adapter.messages_missing}.
     */
    public List<Outcome> acceptAll(List<Candidate> candidates) throws InterruptedException {
        Outcome[] outcomes = new Outcome[candidates.size()];
        byte[][] stored = new byte[candidates.size()][];
        String[] reasons = new String[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            Message m = candidates.get(i).message();
            if (!candidates.get(i).selfAuthenticating()
                    && !keys.verify(m.meterId(), m.topic(), m.counter(), m.payload(), m.tag())) {
                outcomes[i] = Outcome.UNAUTHENTICATED;
                reasons[i] = "the tag does not verify with the meter's key";
                continue;
            }
            try {
                stored[i] = candidates.get(i).normalized().get();
            } catch (UnauthenticatedPayloadException e) {
                outcomes[i] = Outcome.UNAUTHENTICATED;
                reasons[i] = e.getMessage();
            } catch (InvalidPayloadException e) {
                outcomes[i] = Outcome.MALFORMED;
                reasons[i] = e.getMessage();
            }
        }
        while (inbox.pendingCount() > maxPending) {
            metrics.counter("gridledger.adapter.backpressure_waits").increment();
            Thread.sleep(200);
        }
        Instant now = clock.instant();
        long[] missing = new long[1];
        transactions.executeWithoutResult(tx -> {
            missing[0] = 0;
            for (int i = 0; i < candidates.size(); i++) {
                if (outcomes[i] != null && stored[i] == null) {
                    continue;
                }
                Message m = candidates.get(i).message();
                OptionalLong before = devices.advanceCounter(m.meterId(), m.protocol(), m.counter(), now, m.meterClock());
                if (before.isEmpty()) {
                    outcomes[i] = Outcome.REPLAYED;
                    reasons[i] = "counter " + m.counter() + " is not above the last accepted one";
                } else {
                    inbox.store(m.meterId(), m.kind(), stored[i], now);
                    outcomes[i] = Outcome.ACCEPTED;
                    if (before.getAsLong() >= 0 && m.counter() > before.getAsLong() + 1) {
                        missing[0] += m.counter() - before.getAsLong() - 1;
                    }
                }
            }
        });
        if (missing[0] > 0) {
            metrics.counter("gridledger.adapter.messages_missing").increment(missing[0]);
        }
        boolean anyStored = false;
        for (int i = 0; i < candidates.size(); i++) {
            count(candidates.get(i).message(), outcomes[i], reasons[i]);
            anyStored |= outcomes[i] == Outcome.ACCEPTED;
        }
        if (anyStored) {
            forwarder.nudge();
        }
        return List.of(outcomes);
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
