package io.gridledger.projections.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Energy measured in {@code [from, to)}: import and export in Wh, what the import cost, and the
 * reactive quadrants in varh with the bucket's power factor ({@code null} where the meter reports no
 * reactive energy).
 */
public record ConsumptionBucket(Instant from, Instant to, long importWh, long exportWh, BigDecimal charged,
                                Long reactiveQ1Varh, Long reactiveQ2Varh, Long reactiveQ3Varh, Long reactiveQ4Varh,
                                BigDecimal powerFactor) {
}
