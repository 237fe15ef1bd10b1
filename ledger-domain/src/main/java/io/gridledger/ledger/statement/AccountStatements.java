package io.gridledger.ledger.statement;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The statements of one account, folded from its events in order: every balance movement is
 * booked in the period its event names (a late interval in the first period still open), so the
 * statements of all periods add up to the balance. Feed it the events up to an instant to get the
 * statements as they stood then.
 */
public final class AccountStatements {

    private final TariffHistory tariffs;
    private MeterId meterId;
    private CustomerId customerId;
    private ZoneId zone;
    private Currency currency;
    private final TreeMap<YearMonth, PeriodBook> periods = new TreeMap<>();
    private YearMonth closedThrough;

    private AccountStatements(TariffHistory tariffs) {
        this.tariffs = tariffs;
    }

    /** Folds an account's events (payloads, in sequence order); other payloads are ignored. */
    public static AccountStatements fold(Iterable<?> events, TariffHistory tariffs) {
        AccountStatements statements = new AccountStatements(tariffs);
        for (Object event : events) {
            statements.add(event);
        }
        return statements;
    }

    public List<YearMonth> periods() {
        return List.copyOf(periods.keySet());
    }

    public List<Statement> statements() {
        List<Statement> all = new ArrayList<>();
        Money opening = currency == null ? null : Money.zero(currency);
        for (Map.Entry<YearMonth, PeriodBook> e : periods.entrySet()) {
            Statement s = e.getValue().statement(e.getKey(), opening);
            all.add(s);
            opening = s.closingBalance();
        }
        return all;
    }

    /** The statement of {@code period}, if the account had opened by then. */
    public Optional<Statement> statement(YearMonth period) {
        if (zone == null) {
            return Optional.empty();
        }
        Money opening = Money.zero(currency);
        for (Map.Entry<YearMonth, PeriodBook> e : periods.headMap(period, false).entrySet()) {
            opening = e.getValue().statement(e.getKey(), opening).closingBalance();
        }
        PeriodBook book = periods.get(period);
        if (book == null) {
            YearMonth first = periods.isEmpty() ? null : periods.firstKey();
            if (first == null || period.isBefore(first)) {
                return Optional.empty();
            }
            book = new PeriodBook();
        }
        return Optional.of(book.statement(period, opening));
    }

    private void add(Object event) {
        if (event instanceof MeterAccountOpened e) {
            meterId = e.meterId();
            customerId = e.customerId();
            zone = e.timezone();
            currency = e.currency();
            book(SettlementPeriods.periodAt(e.openedAt(), zone));
        } else if (event instanceof StandingChargeApplied e) {
            if (!e.amount().isZero()) {
                YearMonth period = YearMonth.from(e.day());
                book(bookable(period)).line(StatementLineKind.STANDING_CHARGE, period, "standing charge", e.tariffVersion(),
                        1, "days", e.amount().amount(), e.amount().negate());
            }
        } else if (event instanceof AccountToppedUp e) {
            YearMonth period = e.period() != null ? e.period() : SettlementPeriods.periodAt(e.at(), zone);
            PeriodBook book = book(bookable(period));
            book.line(StatementLineKind.TOP_UP, period, "payment " + e.paymentId(), null, null, null, null, e.amount());
            if (e.debtRecovered().isPositive()) {
                book.line(StatementLineKind.DEBT_RECOVERY, period, "debt recovered from payments", null, null, null,
                        null, e.debtRecovered().negate());
            }
            book.emergencyCreditRepaid = book.emergencyCreditRepaid.plus(e.emergencyCreditRepaid());
        } else if (event instanceof MeterReadingsRecorded e) {
            for (AcceptedInterval interval : e.intervals()) {
                if (!interval.isBaseline()) {
                    addInterval(interval, e.firstOpenPeriod());
                }
            }
        } else if (event instanceof TradeSettled e) {
            addTrade(e);
        } else if (event instanceof SettlementPeriodClosed e) {
            PeriodBook book = book(e.period());
            Optional<TariffDefinition> tariff = definition(e.tariffVersion());
            if (e.bankPayout().isPositive() || e.bankPaidOutWh() > 0) {
                book.line(StatementLineKind.BANK_PAYOUT, e.period(), "net-metering bank paid out", e.tariffVersion(),
                        e.bankPaidOutWh(), "Wh", tariff.map(TariffDefinition::exportPricePerKwh).orElse(null),
                        e.bankPayout());
            }
            if (e.chargedVarh() > 0 || e.reactiveCharge().isPositive()) {
                book.line(StatementLineKind.REACTIVE_CHARGE, e.period(), "inductive reactive energy above the free"
                                + " allowance", e.tariffVersion(), e.chargedVarh(), "varh",
                        tariff.map(d -> d.reactive() == null ? null : d.reactive().pricePerKvarh()).orElse(null),
                        e.reactiveCharge().negate());
            }
            closedThrough = e.period();
            book.closedAt = e.at();
            book.closedEarly = e.early();
            book.bankPaidOutWh = e.bankPaidOutWh();
            book.bankCarriedWh = e.bankCarriedWh();
            book.reactive = new Statement.Reactive(e.inductiveVarh(), e.freeVarh(), e.chargedVarh());
            if (e.bankCarriedWh() > 0) {
                book(e.period().plusMonths(1)).bankOpeningWh += e.bankCarriedWh();
            }
        }
    }

    private void addInterval(AcceptedInterval interval, YearMonth firstOpenPeriod) {
        YearMonth own = interval.period() != null ? interval.period()
                : SettlementPeriods.periodEnding(interval.reading().at(), zone);
        YearMonth booked = firstOpenPeriod != null && own.isBefore(firstOpenPeriod) ? firstOpenPeriod : bookable(own);
        PeriodBook book = book(booked);
        for (ImportCharge c : interval.charges()) {
            book.line(StatementLineKind.IMPORT_CHARGE, own, "import " + c.label(), interval.tariffVersion(), c.wh(),
                    "Wh", c.pricePerKwh(), c.amount().negate());
        }
        if (interval.exportCredit() != null) {
            book.line(StatementLineKind.EXPORT_CREDIT, own, "export credit", interval.tariffVersion(),
                    interval.exportWh(), "Wh", definition(interval.tariffVersion())
                            .map(TariffDefinition::exportPricePerKwh).orElse(null), interval.exportCredit());
        }
        book.importWh += interval.importWh();
        book.exportWh += interval.exportWh();
        book.bankDepositedWh += interval.bankDepositWh();
        book.bankDrawnWh += interval.bankDrawWh();
        if (own.isBefore(booked)) {
            book.lateIntervals++;
        }
    }

    private void addTrade(TradeSettled e) {
        YearMonth period = bookable(e.period());
        PeriodBook book = book(period);
        long wh = e.deliveredWh();
        book.trades.add(new Statement.Trade(e.tradeId(), e.role().name(), e.intervalStart(), e.matchedWh(), wh,
                e.tradeValue(), e.tradeAmount(), e.tariffReversal().plus(e.bankShortfallCharge()),
                e.imbalanceCharge(), e.balanceChange()));
        if (e.role() == TradeRole.BUYER) {
            book.line(StatementLineKind.TRADE_PURCHASE, e.period(), "energy bought from neighbours (price + grid fee)",
                    null, wh, "Wh", null, e.tradeAmount().negate());
            book.line(StatementLineKind.TRADE_IMPORT_REFUND, e.period(), "import charge of the bought energy given back",
                    null, wh, "Wh", null, e.tariffReversal());
            book.tradedInWh += wh;
        } else {
            book.line(StatementLineKind.TRADE_SALE, e.period(), "energy sold to neighbours (price − platform fee)",
                    null, wh, "Wh", null, e.tradeAmount());
            Money reversal = e.tariffReversal().plus(e.bankShortfallCharge());
            if (reversal.isPositive() || e.bankWithdrawnWh() > 0) {
                book.line(StatementLineKind.TRADE_EXPORT_REVERSAL, e.period(), "export credit of the sold energy given back",
                        null, wh, "Wh", null, reversal.negate());
            }
            if (e.imbalanceCharge().isPositive()) {
                book.line(StatementLineKind.TRADE_IMBALANCE, e.period(), "sold energy not exported (imbalance)",
                        null, null, null, null, e.imbalanceCharge().negate());
            }
            book.tradedOutWh += wh;
            book.bankSoldWh += e.bankWithdrawnWh();
        }
    }

    /** A movement of a closed period is booked in the first period still open. */
    private YearMonth bookable(YearMonth period) {
        return closedThrough != null && !period.isAfter(closedThrough) ? closedThrough.plusMonths(1) : period;
    }

    private Optional<TariffDefinition> definition(Integer version) {
        return version == null || tariffs == null ? Optional.empty()
                : tariffs.version(version).map(TariffVersion::definition);
    }

    private PeriodBook book(YearMonth period) {
        return periods.computeIfAbsent(period, p -> new PeriodBook());
    }

    private record LineKey(StatementLineKind kind, YearMonth forPeriod, String description, Integer tariffVersion,
                           String unit, BigDecimal unitPrice) {
    }

    private static final class LineSum {
        private Long quantity;
        private Money amount;
    }

    private static final Comparator<LineKey> LINE_ORDER = Comparator
            .comparing(LineKey::kind)
            .thenComparing(LineKey::forPeriod)
            .thenComparing(k -> k.tariffVersion() == null ? 0 : k.tariffVersion())
            .thenComparing(LineKey::description);

    /** What one period has gathered so far. */
    private final class PeriodBook {
        private final Map<LineKey, LineSum> lines = new LinkedHashMap<>();
        private Money emergencyCreditRepaid = Money.zero(currency);
        private long importWh;
        private long exportWh;
        private long bankOpeningWh;
        private long bankDepositedWh;
        private long bankDrawnWh;
        private long bankPaidOutWh;
        private long bankCarriedWh;
        private long bankSoldWh;
        private long tradedInWh;
        private long tradedOutWh;
        private final List<Statement.Trade> trades = new ArrayList<>();
        private long lateIntervals;
        private Statement.Reactive reactive = new Statement.Reactive(0, 0, 0);
        private Instant closedAt;
        private boolean closedEarly;

        void line(StatementLineKind kind, YearMonth forPeriod, String description, Integer tariffVersion,
                  Number quantity, String unit, BigDecimal unitPrice, Money amount) {
            LineSum sum = lines.computeIfAbsent(new LineKey(kind, forPeriod, description, tariffVersion, unit,
                    unitPrice), k -> new LineSum());
            if (quantity != null) {
                sum.quantity = (sum.quantity == null ? 0 : sum.quantity) + quantity.longValue();
            }
            sum.amount = sum.amount == null ? amount : sum.amount.plus(amount);
        }

        Statement statement(YearMonth period, Money opening) {
            Money zero = Money.zero(currency);
            List<StatementLine> out = new ArrayList<>();
            Map<StatementLineKind, Money> byKind = new java.util.EnumMap<>(StatementLineKind.class);
            Money closing = opening;
            Money tax = zero;
            Money adjustments = zero;
            Money trading = zero;
            List<LineKey> keys = new ArrayList<>(lines.keySet());
            keys.sort(LINE_ORDER);
            for (LineKey key : keys) {
                LineSum sum = lines.get(key);
                Money lineTax = key.kind().isTaxedCharge()
                        ? definition(key.tariffVersion()).map(d -> d.taxContainedIn(sum.amount.negate())).orElse(zero)
                        : zero;
                out.add(new StatementLine(key.kind(), key.forPeriod(), key.description(), key.tariffVersion(),
                        sum.quantity, key.unit(), key.unitPrice(), sum.amount, lineTax));
                closing = closing.plus(sum.amount);
                tax = tax.plus(lineTax);
                byKind.merge(key.kind(), sum.amount, Money::plus);
                if (key.kind().isTrade()) {
                    trading = trading.plus(sum.amount);
                }
                if (key.forPeriod().isBefore(period)) {
                    adjustments = adjustments.plus(sum.amount);
                }
            }
            Statement.Totals totals = new Statement.Totals(
                    byKind.getOrDefault(StatementLineKind.TOP_UP, zero),
                    byKind.getOrDefault(StatementLineKind.DEBT_RECOVERY, zero).negate(),
                    emergencyCreditRepaid,
                    byKind.getOrDefault(StatementLineKind.IMPORT_CHARGE, zero).negate(),
                    byKind.getOrDefault(StatementLineKind.STANDING_CHARGE, zero).negate(),
                    byKind.getOrDefault(StatementLineKind.EXPORT_CREDIT, zero),
                    byKind.getOrDefault(StatementLineKind.BANK_PAYOUT, zero),
                    byKind.getOrDefault(StatementLineKind.REACTIVE_CHARGE, zero).negate(),
                    adjustments, tax, trading);
            return new Statement(meterId, customerId, period, zone,
                    closedAt == null ? Statement.Status.OPEN : Statement.Status.CLOSED, closedAt, closedEarly,
                    opening, out, closing, totals,
                    new Statement.Energy(importWh, exportWh, bankDrawnWh, lateIntervals, tradedInWh, tradedOutWh),
                    new Statement.Bank(bankOpeningWh, bankDepositedWh, bankDrawnWh, bankSoldWh, bankPaidOutWh,
                            bankCarriedWh),
                    reactive, trades);
        }
    }
}
