package io.gridledger.ledger.account;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Reactive energy measured over one interval, per quadrant (varh deltas of registers 5.8.0–8.8.0):
 * Q1 inductive and Q4 capacitive while importing, Q2 capacitive and Q3 inductive while exporting.
 * {@code powerFactor} is the interval's average, {@code P / √(P² + Q²)} with P the active energy
 * (import + export) and Q the reactive energy of all quadrants, to three decimals; {@code null}
 * when nothing flowed.
 */
public record ReactiveEnergy(long q1Varh, long q2Varh, long q3Varh, long q4Varh, BigDecimal powerFactor) {

    private static final MathContext PRECISION = new MathContext(12, RoundingMode.HALF_EVEN);

    /** The deltas between two readings that both report all four quadrants, else {@code null}. */
    static ReactiveEnergy between(RegisterReading previous, RegisterReading current, long activeWh) {
        if (!reportsAllQuadrants(previous) || !reportsAllQuadrants(current)) {
            return null;
        }
        long q1 = current.reactiveQ1Varh() - previous.reactiveQ1Varh();
        long q2 = current.reactiveQ2Varh() - previous.reactiveQ2Varh();
        long q3 = current.reactiveQ3Varh() - previous.reactiveQ3Varh();
        long q4 = current.reactiveQ4Varh() - previous.reactiveQ4Varh();
        return new ReactiveEnergy(q1, q2, q3, q4, powerFactor(activeWh, q1 + q2 + q3 + q4));
    }

    private static boolean reportsAllQuadrants(RegisterReading r) {
        return r.reactiveQ1Varh() != null && r.reactiveQ2Varh() != null && r.reactiveQ3Varh() != null
                && r.reactiveQ4Varh() != null;
    }

    /** {@code P / √(P² + Q²)} to three decimals, half-even; {@code null} when both are zero. */
    public static BigDecimal powerFactor(long activeWh, long reactiveVarh) {
        if (activeWh == 0 && reactiveVarh == 0) {
            return null;
        }
        BigDecimal p = BigDecimal.valueOf(activeWh);
        BigDecimal q = BigDecimal.valueOf(reactiveVarh);
        BigDecimal apparent = p.multiply(p).add(q.multiply(q)).sqrt(PRECISION);
        return p.divide(apparent, 3, RoundingMode.HALF_EVEN);
    }

    /** Inductive reactive energy drawn while importing: what a reactive tariff charges. */
    public long inductiveImportVarh() {
        return q1Varh;
    }
}
