package io.gridledger.ledger.account;

/**
 * What a meter reports about itself besides energy: tampering (evidence for theft analysis) and
 * power quality (for the network operator and abnormal-consumption checks).
 */
public enum MeterEventType {
    COVER_OPENED(true),
    TERMINAL_COVER_OPENED(true),
    STRONG_MAGNETIC_FIELD(true),
    REVERSE_CURRENT(true),
    NEUTRAL_MISSING(true),
    VOLTAGE_SAG(false),
    VOLTAGE_SWELL(false),
    POWER_FAILURE(false),
    POWER_RESTORED(false);

    private final boolean tamper;

    MeterEventType(boolean tamper) {
        this.tamper = tamper;
    }

    /** Whether the event is evidence of tampering rather than of the supply's quality. */
    public boolean tamper() {
        return tamper;
    }
}
