package io.gridledger.ledger.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;

/**
 * A community's market rules: prices in {@code currency}; delivery intervals of {@code intervalLength}
 * (15 minutes by default, dividing an hour); orders frozen {@code gateClosureLead} before an interval
 * starts (5 minutes by default); a grid fee and a platform fee per delivered kWh (at most 4 decimals).
 */
public record MarketRules(Currency currency, Duration intervalLength, Duration gateClosureLead,
                          BigDecimal gridFeePerKwh, BigDecimal platformFeePerKwh) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_GATE_CLOSURE = Duration.ofMinutes(5);

    public MarketRules {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(intervalLength, "intervalLength");
        Objects.requireNonNull(gateClosureLead, "gateClosureLead");
        if (intervalLength.isNegative() || intervalLength.isZero() || Duration.ofHours(1).toSeconds() % intervalLength.toSeconds() != 0
                || intervalLength.toSecondsPart() != 0) {
            throw new InvalidMarketOrderException("intervalLength", "an interval is whole minutes that divide an hour");
        }
        if (gateClosureLead.isNegative() || gateClosureLead.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidMarketOrderException("gateClosureLead", "gate closure is 0 to 24 h before an interval");
        }
        requireFee(gridFeePerKwh, "gridFeePerKwh");
        requireFee(platformFeePerKwh, "platformFeePerKwh");
    }

    private static void requireFee(BigDecimal fee, String field) {
        Objects.requireNonNull(fee, field);
        if (fee.signum() < 0 || fee.stripTrailingZeros().scale() > 4) {
            throw new InvalidMarketOrderException(field, field + " is a non-negative price per kWh with at most 4 decimals");
        }
    }

    /** Whether {@code start} begins an interval of this market (aligned to the interval length). */
    public boolean isIntervalStart(java.time.Instant start) {
        return start.getNano() == 0 && start.getEpochSecond() % intervalLength.toSeconds() == 0;
    }
}
