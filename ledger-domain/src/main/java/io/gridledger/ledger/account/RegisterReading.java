package io.gridledger.ledger.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One interval reading as the meter reported it. Energy registers are cumulative, in Wh (active,
 * OBIS 1.8.0 import A+ and 2.8.0 export A−) and varh (reactive quadrants Q1–Q4, 5.8.0–8.8.0);
 * optional registers are {@code null} when the meter does not report them. Voltage (V), current (A)
 * and power (W) are instantaneous values at {@code at}, kept exactly as decimals.
 */
public record RegisterReading(
        Instant at,
        long activeImportWh,
        Long activeExportWh,
        Long reactiveQ1Varh,
        Long reactiveQ2Varh,
        Long reactiveQ3Varh,
        Long reactiveQ4Varh,
        BigDecimal voltageV,
        BigDecimal currentA,
        BigDecimal powerW) {

    public RegisterReading {
        Objects.requireNonNull(at, "at");
        requireNonNegative(activeImportWh, "activeImportWh");
        requireNonNegative(activeExportWh, "activeExportWh");
        requireNonNegative(reactiveQ1Varh, "reactiveQ1Varh");
        requireNonNegative(reactiveQ2Varh, "reactiveQ2Varh");
        requireNonNegative(reactiveQ3Varh, "reactiveQ3Varh");
        requireNonNegative(reactiveQ4Varh, "reactiveQ4Varh");
        voltageV = normalized(voltageV, "voltageV");
        currentA = normalized(currentA, "currentA");
        powerW = normalized(powerW, "powerW");
    }

    public static RegisterReading of(Instant at, long activeImportWh, Long activeExportWh) {
        return new RegisterReading(at, activeImportWh, activeExportWh, null, null, null, null, null, null, null);
    }

    private static void requireNonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
    }

    /**
     * Instantaneous values keep at most 9 digits before and 6 after the point: no meter measures more,
     * and a value such as 1e99999 would be a 100,000-digit number in every event that holds it.
     */
    private static BigDecimal normalized(BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() - stripped.scale() > 9 || stripped.scale() > 6) {
            throw new IllegalArgumentException(field + " must have at most 9 digits before and 6 after the point");
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A 64-bit fingerprint of every reported value: equal readings have equal fingerprints. */
    long fingerprint() {
        long h = mix(0x9E3779B97F4A7C15L, at.getEpochSecond());
        h = mix(h, at.getNano());
        h = mix(h, activeImportWh);
        h = mix(h, activeExportWh);
        h = mix(h, reactiveQ1Varh);
        h = mix(h, reactiveQ2Varh);
        h = mix(h, reactiveQ3Varh);
        h = mix(h, reactiveQ4Varh);
        h = mix(h, voltageV);
        h = mix(h, currentA);
        return mix(h, powerW);
    }

    private static long mix(long h, Object value) {
        long v = value == null ? 0x5bd1e995L : value instanceof Long l ? l : value.hashCode();
        return mix(h, v);
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    /** The register that went backwards compared with {@code previous}, or {@code null}. */
    String registerBelow(RegisterReading previous) {
        if (activeImportWh < previous.activeImportWh) {
            return "activeImportWh " + activeImportWh + " < " + previous.activeImportWh;
        }
        String[] names = {"activeExportWh", "reactiveQ1Varh", "reactiveQ2Varh", "reactiveQ3Varh", "reactiveQ4Varh"};
        Long[] now = {activeExportWh, reactiveQ1Varh, reactiveQ2Varh, reactiveQ3Varh, reactiveQ4Varh};
        Long[] before = {previous.activeExportWh, previous.reactiveQ1Varh, previous.reactiveQ2Varh,
                previous.reactiveQ3Varh, previous.reactiveQ4Varh};
        for (int i = 0; i < names.length; i++) {
            if (now[i] != null && before[i] != null && now[i] < before[i]) {
                return names[i] + " " + now[i] + " < " + before[i];
            }
        }
        return null;
    }
}
