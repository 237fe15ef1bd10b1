package io.gridledger.adapter.dlms;

import io.gridledger.adapter.device.DeviceKeys;
import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.MissedReads;
import io.gridledger.adapter.device.PolledDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.relay.RelayCommandMessage;
import io.gridledger.adapter.relay.RelaySender;
import io.gridledger.ledger.account.RegisterReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DLMS/COSEM side of the head-end: reads the meters that are due (the load-profile intervals not
 * taken in yet, then the registers and instantaneous values, into the inbox like any delivery) and carries relay commands out through the
 * disconnect control object, reading the output state back as the supply confirmation. Every
 * association uses freshly reserved invocation counters. A meter that does not answer is handled
 * by {@link MissedReads}.
 */
@Component
public class DlmsHeadEnd implements RelaySender {

    private static final Logger log = LoggerFactory.getLogger(DlmsHeadEnd.class);

    private final DlmsMeters meters;
    private final DeviceKeys keys;
    private final MeterDevices devices;
    private final MissedReads missedReads;
    private final PolledDevices polled;
    private final Clock clock;
    private final Duration timeout;

    public DlmsHeadEnd(DlmsMeters meters, DeviceKeys keys, MeterDevices devices, MissedReads missedReads,
                       PolledDevices polled, Clock clock, @Value("${gridledger.adapter.dlms.timeout:5s}") Duration timeout) {
        this.meters = meters;
        this.keys = keys;
        this.devices = devices;
        this.missedReads = missedReads;
        this.polled = polled;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Scheduled(fixedDelayString = "${gridledger.adapter.dlms.tick:1s}")
    public void readDue() {
        polled.readAll(meters.due(clock.instant(), 200), this::read);
    }

    void read(DlmsMeters.DlmsMeter meter) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (DlmsMeterClient client = open(meter)) {
            List<RegisterReading> readings = new ArrayList<>(client.loadProfile(meter.profileReadThrough()));
            Instant profileEnd = readings.isEmpty() ? meter.profileReadThrough() : readings.get(readings.size() - 1).at();
            if (profileEnd == null || profileEnd.isBefore(at)) {
                readings.add(client.read(at));
            }
            polled.readings(meter.meterId(), Protocol.DLMS, readings, at, () -> {
                if (profileEnd != null) {
                    meters.profileReadThrough(meter.meterId(), profileEnd);
                }
                meters.scheduleNext(meter.meterId(), at.plus(meter.pollInterval()), 0);
            });
        } catch (Exception e) {
            Instant next = missedReads.missed(Protocol.DLMS, meter.meterId(), meter.host() + ":" + meter.port(),
                    meter.pollInterval(), meter.consecutiveFailures(), e, at);
            meters.scheduleNext(meter.meterId(), next, meter.consecutiveFailures() + 1);
        }
    }

    @Override
    public Protocol protocol() {
        return Protocol.DLMS;
    }

    /** Only meters registered for reading (host and port known) can be switched; a push-only meter cannot. */
    @Override
    public boolean reaches(String meterId) {
        return meters.find(meterId).isPresent();
    }

    /** Carries the command out on the meter and stores the read-back output state as its confirmation. */
    @Override
    public CompletableFuture<Void> send(String meterId, byte[] command) {
        RelayCommandMessage message = Payloads.read(command, RelayCommandMessage.class);
        DlmsMeters.DlmsMeter meter = meters.find(meterId).orElseThrow(
                () -> new IllegalStateException("meter " + meterId + " is not a registered DLMS meter"));
        try (DlmsMeterClient client = open(meter)) {
            boolean connected = client.switchRelay(message.command());
            polled.relayState(meterId, Protocol.DLMS, connected, message.requestId(), clock.instant());
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            devices.communicationError(meterId, Protocol.DLMS, String.valueOf(e.getMessage()), clock.instant());
            return CompletableFuture.failedFuture(e);
        }
    }

    private DlmsMeterClient open(DlmsMeters.DlmsMeter meter) throws java.io.IOException {
        DeviceKeys.DlmsKeys k = keys.dlmsKeysOf(meter.meterId());
        long counter = meters.reserveInvocationCounters(meter.meterId());
        return DlmsMeterClient.connect(meter.host(), meter.port(), k.encryption(), k.authentication(), counter, timeout);
    }

}
