package io.gridledger.projections.consumption;

import java.math.BigDecimal;
import java.time.Instant;

/** Energy measured in {@code [from, to)}: import and export in Wh, and what the import cost. */
public record ConsumptionBucket(Instant from, Instant to, long importWh, long exportWh, BigDecimal charged) {
}
