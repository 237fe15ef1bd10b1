package io.gridledger.ledger.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A community's market rules: prices in {@code currency}; delivery intervals of {@code intervalLength}
 * (15 minutes by default, dividing an hour); orders frozen {@code gateClosureLead} before an interval
 * starts (5 minutes by default); a grid fee and a platform fee per delivered kWh, and an imbalance
 * charge per kWh a seller sold but did not export (all at most 4 decimals, zero when not given);
 * {@code certifyExport}: whether exported PV energy that was not traded gets certificates too.
 */
public record MarketRules(Currency currency, Duration intervalLength, Duration gateClosureLead,
                          BigDecimal gridFeePerKwh, BigDecimal platformFeePerKwh, BigDecimal imbalanceChargePerKwh,
                          boolean certifyExport) {

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
        gridFeePerKwh = PricePerKwh.require(zeroIfAbsent(gridFeePerKwh), "gridFeePerKwh");
        platformFeePerKwh = PricePerKwh.require(zeroIfAbsent(platformFeePerKwh), "platformFeePerKwh");
        imbalanceChargePerKwh = PricePerKwh.require(zeroIfAbsent(imbalanceChargePerKwh), "imbalanceChargePerKwh");
    }

    /** Rules with the default interval and gate, no imbalance charge and no export certificates. */
    public MarketRules(Currency currency, Duration intervalLength, Duration gateClosureLead, BigDecimal gridFeePerKwh,
                       BigDecimal platformFeePerKwh) {
        this(currency, intervalLength, gateClosureLead, gridFeePerKwh, platformFeePerKwh, BigDecimal.ZERO, false);
    }

    private static BigDecimal zeroIfAbsent(BigDecimal fee) {
        return fee == null ? BigDecimal.ZERO : fee;
    }

    /** Whether {@code start} begins an interval of this market (aligned to the interval length). */
    public boolean isIntervalStart(Instant start) {
        return start.getNano() == 0 && start.getEpochSecond() % intervalLength.toSeconds() == 0;
    }

    /** The start of the interval that contains {@code at}. */
    public Instant intervalContaining(Instant at) {
        long length = intervalLength.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), length) * length);
    }

    public Instant gateClosureOf(Instant intervalStart) {
        return intervalStart.minus(gateClosureLead);
    }
}
