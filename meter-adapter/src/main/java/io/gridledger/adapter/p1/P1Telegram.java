package io.gridledger.adapter.p1;

import io.gridledger.ledger.account.RegisterReading;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a DSMR P1 telegram (a consumer meter's P1 port, DSMR 4.x and 5.x) says about electricity.
 * Energy is in Wh, summed over the tariff registers (1.8.1 + 1.8.2 delivered to the client, 2.8.1 +
 * 2.8.2 delivered by the client); instantaneous values keep the meter's decimals; power is net
 * import (1.7.0 − 2.7.0) in W. Quality counters are those of the telegram (0-0:96.7.21, 0-0:96.7.9,
 * sags 32/52/72.32.0 and swells 32/52/72.36.0 over all phases).
 */
public record P1Telegram(
        String identification,
        String version,
        String equipmentId,
        Instant timestamp,
        long importWh,
        long exportWh,
        BigDecimal powerW,
        BigDecimal voltageL1V,
        BigDecimal currentL1A,
        int powerFailures,
        int longPowerFailures,
        int voltageSags,
        int voltageSwells) {

    /** The telegram as one reading of a delivery: registers, and L1 voltage and current. */
    public RegisterReading toReading() {
        return new RegisterReading(timestamp, importWh, exportWh, null, null, null, null, voltageL1V, currentL1A,
                powerW);
    }
}
