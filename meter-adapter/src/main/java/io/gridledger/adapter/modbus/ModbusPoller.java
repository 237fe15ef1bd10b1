package io.gridledger.adapter.modbus;

import io.gridledger.adapter.device.PolledDevices;
import io.gridledger.adapter.device.MissedReads;
import io.gridledger.adapter.device.Protocol;
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
import java.util.List;

/**
 * Polls the Modbus meters that are due: each read gets {@code timeout} and {@code retries} more
 * tries; a reading is stored in the inbox (and forwarded like any delivery) together with the next
 * poll time. A meter that does not answer is handled by {@link MissedReads}.
 */
@Component
public class ModbusPoller {

    private static final Logger log = LoggerFactory.getLogger(ModbusPoller.class);

    private final ModbusMeters meters;
    private final PolledDevices polled;
    private final MissedReads missedReads;
    private final Clock clock;
    private final Duration timeout;
    private final int retries;

    public ModbusPoller(ModbusMeters meters, PolledDevices polled, MissedReads missedReads, Clock clock,
                        @Value("${gridledger.adapter.modbus.timeout:2s}") Duration timeout,
                        @Value("${gridledger.adapter.modbus.retries:2}") int retries) {
        this.meters = meters;
        this.polled = polled;
        this.missedReads = missedReads;
        this.clock = clock;
        this.timeout = timeout;
        this.retries = retries;
    }

    @Scheduled(fixedDelayString = "${gridledger.adapter.modbus.tick:1s}")
    public void pollDue() {
        polled.readAll(meters.due(clock.instant(), 200), this::poll);
    }

    void poll(ModbusMeters.ModbusMeter meter) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RegisterMap map = RegisterMap.of(meter.model());
        Exception last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                RegisterReading reading = ModbusMeterReader.read(meter.host(), meter.port(), meter.unitId(), map,
                        timeout, at);
                polled.readings(meter.meterId(), Protocol.MODBUS, List.of(reading), at,
                        () -> meters.scheduleNext(meter.meterId(), at.plus(meter.pollInterval()), 0));
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

}
