package io.gridledger.projections.settlement;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The figures of one settlement run: everything a regulator checks for one period. Computed the
 * same way from the pre-aggregated facts (the server) and from an event export (the verifier).
 * Money is a plain decimal string with four decimals in {@code currency}; energy in Wh, reactive
 * energy in varh.
 */
public record SettlementFigures(
        String currency,
        long metersBilled,
        Energy energy,
        List<Revenue> revenue,
        Charges charges,
        Credits credits,
        Payments payments,
        Outstanding outstanding,
        Disconnections disconnections,
        Readings readings,
        Trading trading) {

    public record Energy(long importWh, long exportWh, long netWh, long bankDepositedWh, long bankDrawnWh) {
    }

    /** Import revenue of one band or block of one tariff version. */
    public record Revenue(String label, String tariffId, int tariffVersion, long energyWh, String amount) {
    }

    public record Charges(String importCharges, String standingCharges, long standingDays, String reactiveCharges,
                          long reactiveVarh, String taxCollected) {
    }

    public record Credits(String exportCredits, long exportCreditedWh, String bankPayout, long bankPaidOutWh) {
    }

    public record Payments(String topUps, long topUpCount, String debtRecovered, String emergencyCreditRepaid) {
    }

    /** As of the last event the run covers. */
    public record Outstanding(String debt, String emergencyCredit, long metersOnEmergencyCredit) {
    }

    public record Disconnections(long count, long disconnectedSeconds, String disconnectedHours,
                                 long deferredFriendlyPeriod, long deferredVulnerableCustomer) {
    }

    public record Readings(long rejected, long late) {
    }

    /**
     * Peer-to-peer trading settled in the period: delivered energy and its value at the clearing
     * prices ({@code averagePricePerKwh} = value / delivered kWh, half-even to four decimals), the fees,
     * what the tariffs gave back, the sellers' imbalance charges and the matched energy never delivered.
     */
    public record Trading(long deliveredWh, String value, String averagePricePerKwh, String gridFees,
                          String platformFees, String importRefunds, String exportReversals, String imbalanceCharges,
                          long undeliveredWh) {
    }

    /** The facts of the period summed per kind, label and tariff version, across meters. */
    public record FactGroup(SettlementFactKind kind, String label, String tariffId, int tariffVersion,
                            BigDecimal amount, long quantity, String currency) {
    }

    /**
     * @param taxPercent     the tax percent of a tariff version, by tariff id and version
     * @param meters         every account's settlement state as of the last covered event
     * @param ongoingSeconds seconds within the period of disconnections still going on at that event
     */
    public static SettlementFigures compute(List<FactGroup> groups, long metersBilled,
                                            List<SettlementMeterState> meters, long ongoingSeconds,
                                            BiFunction<String, Integer, Optional<BigDecimal>> taxPercent) {
        String currency = groups.stream().map(FactGroup::currency).findFirst()
                .or(() -> meters.stream().map(SettlementMeterState::currency).findFirst())
                .orElseThrow(() -> new IllegalStateException("a settlement run needs at least one account"));
        Map<SettlementFactKind, BigDecimal> amount = new TreeMap<>();
        Map<SettlementFactKind, Long> quantity = new TreeMap<>();
        Map<String, Long> deferrals = new TreeMap<>();
        Map<List<Object>, Revenue> revenue = new TreeMap<>(Comparator.comparing(Object::toString));
        BigDecimal tax = BigDecimal.ZERO.setScale(Money.SCALE);
        for (FactGroup g : groups) {
            if (!g.currency().equals(currency)) {
                throw new IllegalStateException("a settlement run covers one currency; found " + currency + " and "
                        + g.currency());
            }
            amount.merge(g.kind(), g.amount(), BigDecimal::add);
            quantity.merge(g.kind(), g.quantity(), Long::sum);
            if (g.kind() == SettlementFactKind.DEFERRALS) {
                deferrals.merge(g.label(), g.quantity(), Long::sum);
            }
            if (g.kind() == SettlementFactKind.IMPORT_CHARGE) {
                List<Object> key = List.of(g.tariffId(), g.tariffVersion(), g.label());
                Revenue r = revenue.get(key);
                revenue.put(key, new Revenue(g.label(), g.tariffId(), g.tariffVersion(),
                        (r == null ? 0 : r.energyWh()) + g.quantity(),
                        money((r == null ? BigDecimal.ZERO : new BigDecimal(r.amount())).add(g.amount()))));
            }
            if (g.kind() == SettlementFactKind.IMPORT_CHARGE || g.kind() == SettlementFactKind.STANDING_CHARGE
                    || g.kind() == SettlementFactKind.REACTIVE_CHARGE) {
                BigDecimal t = taxPercent.apply(g.tariffId(), g.tariffVersion()).orElse(BigDecimal.ZERO);
                tax = tax.add(g.amount().multiply(t).divide(BigDecimal.valueOf(100).add(t), Money.SCALE,
                        Money.ROUNDING));
            }
        }
        BigDecimal debt = BigDecimal.ZERO;
        BigDecimal emergency = BigDecimal.ZERO;
        long onEmergency = 0;
        for (SettlementMeterState m : meters) {
            debt = debt.add(m.debt());
            BigDecimal inUse = m.emergencyCreditInUse();
            emergency = emergency.add(inUse);
            if (inUse.signum() > 0) {
                onEmergency++;
            }
        }
        long importWh = quantity.getOrDefault(SettlementFactKind.IMPORT_WH, 0L);
        long exportWh = quantity.getOrDefault(SettlementFactKind.EXPORT_WH, 0L);
        long seconds = quantity.getOrDefault(SettlementFactKind.DISCONNECTED_SECONDS, 0L) + ongoingSeconds;
        return new SettlementFigures(currency, metersBilled,
                new Energy(importWh, exportWh, importWh - exportWh,
                        quantity.getOrDefault(SettlementFactKind.BANK_DEPOSIT_WH, 0L),
                        quantity.getOrDefault(SettlementFactKind.BANK_DRAW_WH, 0L)),
                new ArrayList<>(revenue.values()),
                new Charges(sum(amount, SettlementFactKind.IMPORT_CHARGE), sum(amount, SettlementFactKind.STANDING_CHARGE),
                        quantity.getOrDefault(SettlementFactKind.STANDING_CHARGE, 0L),
                        sum(amount, SettlementFactKind.REACTIVE_CHARGE),
                        quantity.getOrDefault(SettlementFactKind.REACTIVE_CHARGE, 0L), money(tax)),
                new Credits(sum(amount, SettlementFactKind.EXPORT_CREDIT),
                        quantity.getOrDefault(SettlementFactKind.EXPORT_CREDIT, 0L),
                        sum(amount, SettlementFactKind.BANK_PAYOUT),
                        quantity.getOrDefault(SettlementFactKind.BANK_PAYOUT, 0L)),
                new Payments(sum(amount, SettlementFactKind.TOP_UP), quantity.getOrDefault(SettlementFactKind.TOP_UP, 0L),
                        sum(amount, SettlementFactKind.DEBT_RECOVERED),
                        sum(amount, SettlementFactKind.EMERGENCY_CREDIT_REPAID)),
                new Outstanding(money(debt), money(emergency), onEmergency),
                new Disconnections(quantity.getOrDefault(SettlementFactKind.DISCONNECTIONS, 0L), seconds,
                        BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_EVEN)
                                .toPlainString(),
                        deferrals.getOrDefault("FRIENDLY_PERIOD", 0L), deferrals.getOrDefault("VULNERABLE_CUSTOMER", 0L)),
                new Readings(quantity.getOrDefault(SettlementFactKind.READINGS_REJECTED, 0L),
                        quantity.getOrDefault(SettlementFactKind.LATE_INTERVALS, 0L)),
                trading(amount, quantity));
    }

    private static Trading trading(Map<SettlementFactKind, BigDecimal> amount, Map<SettlementFactKind, Long> quantity) {
        long delivered = quantity.getOrDefault(SettlementFactKind.TRADE_VALUE, 0L);
        BigDecimal value = amount.getOrDefault(SettlementFactKind.TRADE_VALUE, BigDecimal.ZERO);
        String average = delivered == 0 ? null : value.multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(delivered), Money.SCALE, Money.ROUNDING).toPlainString();
        return new Trading(delivered, money(value), average, sum(amount, SettlementFactKind.TRADE_GRID_FEES),
                sum(amount, SettlementFactKind.TRADE_PLATFORM_FEES), sum(amount, SettlementFactKind.TRADE_IMPORT_REFUNDS),
                sum(amount, SettlementFactKind.TRADE_EXPORT_REVERSALS), sum(amount, SettlementFactKind.TRADE_IMBALANCE),
                quantity.getOrDefault(SettlementFactKind.TRADE_UNDELIVERED_WH, 0L));
    }

    /** These figures with the fleet-wide outstanding snapshot left out (for comparing runs). */
    public SettlementFigures withoutOutstanding() {
        return new SettlementFigures(currency, metersBilled, energy, revenue, charges, credits, payments, null,
                disconnections, readings, trading);
    }

    /** Sums facts of {@code period} per kind, label and tariff version, as the server's SQL does. */
    public static List<FactGroup> group(Collection<SettlementFact> facts, YearMonth period) {
        Map<List<Object>, FactGroup> groups = new LinkedHashMap<>();
        for (SettlementFact f : facts) {
            if (!f.period().equals(period)) {
                continue;
            }
            List<Object> key = List.of(f.kind(), f.label(), f.tariffId(), f.tariffVersion(), f.currency());
            FactGroup g = groups.get(key);
            groups.put(key, g == null
                    ? new FactGroup(f.kind(), f.label(), f.tariffId(), f.tariffVersion(), f.amount(), f.quantity(),
                    f.currency())
                    : new FactGroup(g.kind(), g.label(), g.tariffId(), g.tariffVersion(), g.amount().add(f.amount()),
                    g.quantity() + f.quantity(), g.currency()));
        }
        return new ArrayList<>(groups.values());
    }

    /** Seconds within {@code period} of disconnections still going on at {@code upTo}. */
    public static long ongoingSeconds(Collection<SettlementMeterState> meters, YearMonth period, Instant upTo) {
        long seconds = 0;
        for (SettlementMeterState m : meters) {
            if (m.disconnectedSince() != null && m.disconnectedSince().isBefore(upTo)) {
                seconds += SettlementFacts.disconnectedSeconds(m, m.disconnectedSince(), upTo)
                        .getOrDefault(period, 0L);
            }
        }
        return seconds;
    }

    private static String sum(Map<SettlementFactKind, BigDecimal> amounts, SettlementFactKind kind) {
        return money(amounts.getOrDefault(kind, BigDecimal.ZERO));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Money.SCALE, RoundingMode.UNNECESSARY).toPlainString();
    }
}
