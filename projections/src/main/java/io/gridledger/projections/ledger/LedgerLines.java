package io.gridledger.projections.ledger;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger lines of one account event: one line per money movement, with the balance right after
 * it. A delivery becomes one line per band or block and price, plus one export-credit line, each
 * the exact sum of its rounded parts, so the lines always add up to the balance. Used by the
 * projection and, over the event store, for the ledger as of a past instant.
 */
public final class LedgerLines {

    private LedgerLines() {
    }

    public static List<LedgerEntryView> of(Object event, long sequence) {
        List<LedgerEntryView> lines = new ArrayList<>(2);
        if (event instanceof StandingChargeApplied e) {
            if (!e.amount().isZero()) {
                lines.add(line(e.at(), LedgerEntryType.STANDING_CHARGE, e.amount().negate(), e.balanceAfter(),
                        "standing charge for " + e.day() + " (tariff v" + e.tariffVersion() + ")", null, sequence, 0));
            }
        } else if (event instanceof AccountToppedUp e) {
            Money afterTopUp = e.balanceAfter().plus(e.debtRecovered());
            lines.add(line(e.at(), LedgerEntryType.TOP_UP, e.amount(), afterTopUp, "payment " + e.paymentId(), null,
                    sequence, 0));
            if (e.debtRecovered().isPositive()) {
                lines.add(line(e.at(), LedgerEntryType.DEBT_RECOVERY, e.debtRecovered().negate(), e.balanceAfter(),
                        "debt recovery from payment " + e.paymentId() + " (debt left " + e.debtAfter().amount() + ")",
                        null, sequence, 1));
            }
        } else if (event instanceof MeterReadingsRecorded e) {
            readings(e, sequence, lines);
        } else if (event instanceof TradeSettled e) {
            trade(e, sequence, lines);
        } else if (event instanceof SettlementPeriodClosed e) {
            Money running = e.balanceAfter().minus(e.bankPayout()).plus(e.reactiveCharge());
            int lineNo = 0;
            if (e.reactiveCharge().isPositive()) {
                running = running.minus(e.reactiveCharge());
                lines.add(line(e.at(), LedgerEntryType.REACTIVE_CHARGE, e.reactiveCharge().negate(), running,
                        "reactive energy " + e.period() + ": " + e.chargedVarh() + " varh above the free allowance",
                        e.chargedVarh(), sequence, lineNo++));
            }
            if (e.bankPayout().isPositive()) {
                running = running.plus(e.bankPayout());
                lines.add(line(e.at(), LedgerEntryType.BANK_PAYOUT, e.bankPayout(), running,
                        "net-metering bank " + e.period() + " paid out", e.bankPaidOutWh(), sequence, lineNo));
            }
        }
        return lines;
    }

    private record ChargeGroup(String label, BigDecimal pricePerKwh) {
    }

    /** One line per non-zero part of a settled trade side, in the order they apply. */
    private static void trade(TradeSettled e, long sequence, List<LedgerEntryView> lines) {
        Money running = e.balanceAfter().minus(e.balanceChange());
        String trade = "trade " + e.tradeId() + ": " + e.deliveredWh() + " Wh";
        record Part(LedgerEntryType type, Money amount, String description, Long wh) {
        }
        List<Part> parts = e.role() == TradeRole.BUYER
                ? List.of(new Part(LedgerEntryType.TRADE_PURCHASE, e.tradeAmount().negate(),
                                trade + " bought (price + grid fee)", e.deliveredWh()),
                        new Part(LedgerEntryType.TRADE_IMPORT_REFUND, e.tariffReversal(),
                                trade + ": import charge given back", e.deliveredWh()))
                : List.of(new Part(LedgerEntryType.TRADE_SALE, e.tradeAmount(),
                                trade + " sold (price − platform fee)", e.deliveredWh()),
                        new Part(LedgerEntryType.TRADE_EXPORT_REVERSAL,
                                e.tariffReversal().plus(e.bankShortfallCharge()).negate(),
                                trade + ": export credit given back", e.deliveredWh()),
                        new Part(LedgerEntryType.TRADE_IMBALANCE, e.imbalanceCharge().negate(),
                                trade + ": sold energy not exported (imbalance)", null));
        int lineNo = 0;
        for (Part p : parts) {
            if (!p.amount().isZero()) {
                running = running.plus(p.amount());
                lines.add(line(e.at(), p.type(), p.amount(), running, p.description(), p.wh(), sequence, lineNo++));
            }
        }
    }

    private static void readings(MeterReadingsRecorded e, long sequence, List<LedgerEntryView> lines) {
        Map<ChargeGroup, long[]> energy = new LinkedHashMap<>();
        Map<ChargeGroup, Money> amounts = new LinkedHashMap<>();
        long exportWh = 0;
        for (AcceptedInterval interval : e.intervals()) {
            for (ImportCharge c : interval.charges()) {
                ChargeGroup g = new ChargeGroup(c.label(), c.pricePerKwh());
                energy.computeIfAbsent(g, k -> new long[1])[0] += c.wh();
                amounts.merge(g, c.amount(), Money::plus);
            }
            if (interval.exportCredit() != null) {
                exportWh += interval.exportWh();
            }
        }
        Money running = e.balanceAfter().plus(e.charged()).minus(e.credited());
        int line = 0;
        for (Map.Entry<ChargeGroup, Money> group : amounts.entrySet()) {
            if (group.getValue().isZero() && energy.get(group.getKey())[0] == 0) {
                continue;
            }
            running = running.minus(group.getValue());
            lines.add(line(e.receivedAt(), LedgerEntryType.IMPORT_CHARGE, group.getValue().negate(), running,
                    "import " + group.getKey().label() + " at " + group.getKey().pricePerKwh().toPlainString() + "/kWh",
                    energy.get(group.getKey())[0], sequence, line++));
        }
        if (exportWh > 0 || e.credited().isPositive()) {
            running = running.plus(e.credited());
            lines.add(line(e.receivedAt(), LedgerEntryType.EXPORT_CREDIT, e.credited(), running, "export credit",
                    exportWh, sequence, line));
        }
    }

    private static LedgerEntryView line(java.time.Instant at, LedgerEntryType type, Money amount, Money balanceAfter,
                                        String cause, Long energyWh, long sequence, int lineNo) {
        return new LedgerEntryView(at, type, amount.amount(), balanceAfter.amount(),
                amount.currency().getCurrencyCode(), cause, energyWh, sequence, lineNo);
    }
}
