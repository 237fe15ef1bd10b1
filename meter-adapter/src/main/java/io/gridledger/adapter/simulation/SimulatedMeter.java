package io.gridledger.adapter.simulation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * One simulated meter: cumulative registers in Wh that only go up, a household load profile, an
 * optional PV array, a relay and a customer who tops up (or forgets to).
 */
final class SimulatedMeter {

    enum Kind { TIME_OF_USE_CONSUMER, BLOCK_CONSUMER, PV_PROSUMER }

    final String meterId;
    final Kind kind;
    final boolean forgetful;
    long importWh;
    long exportWh;
    /** This meter's own random source, so meters can be driven from several threads. */
    final SplittableRandom random;
    volatile boolean connected = true;
    int topUps;
    private Instant lastReportedAt = Instant.EPOCH;

    SimulatedMeter(String meterId, Kind kind, boolean forgetful, SplittableRandom random) {
        this.random = random.split();
        this.meterId = meterId;
        this.kind = kind;
        this.forgetful = forgetful;
        this.importWh = 1_000_000L + random.nextLong(5_000_000L);
        this.exportWh = kind == Kind.PV_PROSUMER ? random.nextLong(2_000_000L) : 0;
    }

    String tariffId() {
        return kind == Kind.BLOCK_CONSUMER ? SimulatedFleet.BLOCK_TARIFF : SimulatedFleet.TIME_OF_USE_TARIFF;
    }

    /**
     * Advances the registers by one tick. {@code hourOfDay} shapes load (evening peak) and PV
     * (midday); {@code whPerTick} is the mean household draw per tick.
     */
    void advance(int hourOfDay, long whPerTick) {
        if (!connected) {
            return;
        }
        double shape = hourOfDay >= 17 && hourOfDay <= 21 ? 1.8 : hourOfDay < 6 ? 0.5 : 1.0;
        long load = Math.max(1, Math.round(whPerTick * shape * (0.5 + random.nextDouble())));
        long pv = 0;
        if (kind == Kind.PV_PROSUMER && hourOfDay >= 8 && hourOfDay <= 17) {
            pv = Math.round(whPerTick * 2.5 * (0.6 + 0.4 * random.nextDouble()));
        }
        long net = load - pv;
        if (net >= 0) {
            importWh += net;
        } else {
            exportWh += -net;
        }
    }

    /** The timestamp of the next report: now to the second, and always after the previous report. */
    Instant nextReportTime(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        if (!at.isAfter(lastReportedAt)) {
            at = lastReportedAt.plusSeconds(1);
        }
        lastReportedAt = at;
        return at;
    }
}
