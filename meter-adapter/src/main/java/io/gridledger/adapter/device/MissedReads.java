package io.gridledger.adapter.device;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens when a meter the head-end reads (Modbus, DLMS) does not answer: the error is counted
 * on the device and in {@code gridledger.adapter.communication_errors}, the next try comes after a
 * minute (or the poll interval, if shorter), and the third miss in a row is reported as offline.
 */
@Component
public class MissedReads {

    /** Misses in a row after which a meter counts as offline. */
    public static final int OFFLINE_AFTER = 3;

    private static final Logger log = LoggerFactory.getLogger(MissedReads.class);

    private final MeterDevices devices;
    private final MeterRegistry metrics;

    public MissedReads(MeterDevices devices, MeterRegistry metrics) {
        this.devices = devices;
        this.metrics = metrics;
    }

    /** Records the miss; returns when to try again. {@code missesBefore} counts the misses in a row so far. */
    public Instant missed(Protocol protocol, String meterId, String address, Duration pollInterval, int missesBefore,
                          Exception cause, Instant at) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        devices.communicationError(meterId, protocol, reason, at);
        metrics.counter("gridledger.adapter.communication_errors", "protocol", protocol.name()).increment();
        if (missesBefore + 1 == OFFLINE_AFTER) {
            log.warn("event=meter_offline meter={} protocol={} address={} reason=\"{}\" action=\"check the meter's "
                    + "network or bus, its address and its keys\"", meterId, protocol, address, reason);
        }
        return at.plus(pollInterval.compareTo(Duration.ofMinutes(1)) < 0 ? pollInterval : Duration.ofMinutes(1));
    }
}
