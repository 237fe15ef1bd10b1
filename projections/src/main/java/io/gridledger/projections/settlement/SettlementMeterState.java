package io.gridledger.projections.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/** One account as the settlement fold needs it: changed only by {@link SettlementFacts}. */
public final class SettlementMeterState {

    final String meterId;
    final ZoneId zone;
    final String tariffId;
    final String currency;
    BigDecimal balance;
    BigDecimal debt;
    final BigDecimal emergencyCreditLimit;
    boolean emergencyCreditActive;
    Instant disconnectedSince;
    long lastEventSequence;

    public SettlementMeterState(String meterId, ZoneId zone, String tariffId, String currency, BigDecimal balance,
                                BigDecimal debt, BigDecimal emergencyCreditLimit, boolean emergencyCreditActive,
                                Instant disconnectedSince, long lastEventSequence) {
        this.meterId = meterId;
        this.zone = zone;
        this.tariffId = tariffId;
        this.currency = currency;
        this.balance = balance;
        this.debt = debt;
        this.emergencyCreditLimit = emergencyCreditLimit;
        this.emergencyCreditActive = emergencyCreditActive;
        this.disconnectedSince = disconnectedSince;
        this.lastEventSequence = lastEventSequence;
    }

    public SettlementMeterState copy() {
        return new SettlementMeterState(meterId, zone, tariffId, currency, balance, debt, emergencyCreditLimit,
                emergencyCreditActive, disconnectedSince, lastEventSequence);
    }

    /** Emergency credit in use: the part of a negative balance it covers. */
    public BigDecimal emergencyCreditInUse() {
        return emergencyCreditActive && balance.signum() < 0 ? balance.negate().min(emergencyCreditLimit)
                : BigDecimal.ZERO.setScale(4);
    }

    public String meterId() {
        return meterId;
    }

    public ZoneId zone() {
        return zone;
    }

    public String tariffId() {
        return tariffId;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal balance() {
        return balance;
    }

    public BigDecimal debt() {
        return debt;
    }

    public BigDecimal emergencyCreditLimit() {
        return emergencyCreditLimit;
    }

    public boolean emergencyCreditActive() {
        return emergencyCreditActive;
    }

    public Instant disconnectedSince() {
        return disconnectedSince;
    }

    public long lastEventSequence() {
        return lastEventSequence;
    }
}
