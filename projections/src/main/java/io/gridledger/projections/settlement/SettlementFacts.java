package io.gridledger.projections.settlement;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountEvent;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.DisconnectionDeferred;
import io.gridledger.ledger.account.EmergencyCreditActivated;
import io.gridledger.ledger.account.EmergencyCreditRepaid;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.MeterReadingsRejected;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.SettlementPeriods;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.ledger.account.SupplyStateConfirmed;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What account events mean for settlement, as facts per period (the period the energy, day or
 * payment belongs to, so late data lands in its own period and revises that period's run). The one
 * place this is decided: the settlement-chain projection stores these facts, and the verifier
 * recomputes them from an event export.
 */
public final class SettlementFacts {

    /** Where the fold keeps each account's state between events. */
    public interface Meters {
        SettlementMeterState find(String meterId);

        void put(SettlementMeterState state);
    }

    private SettlementFacts() {
    }

    /** Applies one event (its payload, sequence and storage time); events of other aggregates give no facts. */
    public static List<SettlementFact> apply(Object event, long sequence, Instant timestamp, Meters meters) {
        if (event instanceof MeterAccountOpened e) {
            meters.put(new SettlementMeterState(e.meterId().value(), e.timezone(), e.tariffId().value(),
                    e.currency().getCurrencyCode(), BigDecimal.ZERO.setScale(Money.SCALE), e.debt().amount(),
                    e.emergencyCreditLimit().amount(), false, null, sequence));
            return List.of();
        }
        if (!(event instanceof AccountEvent accountEvent)) {
            return List.of();
        }
        SettlementMeterState state = meters.find(accountEvent.meterId().value());
        if (state == null || sequence <= state.lastEventSequence) {
            return List.of();
        }
        Facts facts = new Facts(state, sequence);
        if (event instanceof StandingChargeApplied e) {
            if (!e.amount().isZero()) {
                facts.add(YearMonth.from(e.day()), SettlementFactKind.STANDING_CHARGE, "", version(e.tariffVersion()),
                        e.amount().amount(), 1);
            }
            state.balance = e.balanceAfter().amount();
        } else if (event instanceof AccountToppedUp e) {
            YearMonth period = e.period() != null ? e.period() : SettlementPeriods.periodAt(e.at(), state.zone);
            facts.add(period, SettlementFactKind.TOP_UP, "", 0, e.amount().amount(), 1);
            if (e.debtRecovered().isPositive()) {
                facts.add(period, SettlementFactKind.DEBT_RECOVERED, "", 0, e.debtRecovered().amount(), 0);
            }
            if (e.emergencyCreditRepaid().isPositive()) {
                facts.add(period, SettlementFactKind.EMERGENCY_CREDIT_REPAID, "", 0,
                        e.emergencyCreditRepaid().amount(), 0);
            }
            state.balance = e.balanceAfter().amount();
            state.debt = e.debtAfter().amount();
        } else if (event instanceof MeterReadingsRecorded e) {
            for (AcceptedInterval i : e.intervals()) {
                if (i.isBaseline()) {
                    continue;
                }
                YearMonth own = i.period() != null ? i.period()
                        : SettlementPeriods.periodEnding(i.reading().at(), state.zone);
                int v = version(i.tariffVersion());
                for (ImportCharge c : i.charges()) {
                    facts.add(own, SettlementFactKind.IMPORT_CHARGE, c.label(), v, c.amount().amount(), c.wh());
                }
                if (i.exportCredit() != null) {
                    facts.add(own, SettlementFactKind.EXPORT_CREDIT, "", v, i.exportCredit().amount(), i.exportWh());
                }
                facts.energy(own, SettlementFactKind.IMPORT_WH, i.importWh());
                facts.energy(own, SettlementFactKind.EXPORT_WH, i.exportWh());
                facts.energy(own, SettlementFactKind.BANK_DEPOSIT_WH, i.bankDepositWh());
                facts.energy(own, SettlementFactKind.BANK_DRAW_WH, i.bankDrawWh());
                if (e.firstOpenPeriod() != null && own.isBefore(e.firstOpenPeriod())) {
                    facts.energy(own, SettlementFactKind.LATE_INTERVALS, 1);
                }
            }
            state.balance = e.balanceAfter().amount();
        } else if (event instanceof SettlementPeriodClosed e) {
            int v = version(e.tariffVersion());
            if (e.reactiveCharge().isPositive()) {
                facts.add(e.period(), SettlementFactKind.REACTIVE_CHARGE, "", v, e.reactiveCharge().amount(),
                        e.chargedVarh());
            }
            if (e.bankPayout().isPositive()) {
                facts.add(e.period(), SettlementFactKind.BANK_PAYOUT, "", v, e.bankPayout().amount(),
                        e.bankPaidOutWh());
            }
            state.balance = e.balanceAfter().amount();
        } else if (event instanceof TradeSettled e) {
            YearMonth period = e.period();
            long wh = e.deliveredWh();
            if (e.role() == TradeRole.BUYER) {
                facts.add(period, SettlementFactKind.TRADE_VALUE, "", 0, e.tradeValue().amount(), wh);
                facts.add(period, SettlementFactKind.TRADE_GRID_FEES, "", 0,
                        e.tradeAmount().minus(e.tradeValue()).amount(), wh);
                facts.add(period, SettlementFactKind.TRADE_IMPORT_REFUNDS, "", 0, e.tariffReversal().amount(), wh);
                facts.energy(period, SettlementFactKind.TRADE_UNDELIVERED_WH, e.matchedWh() - wh);
            } else {
                facts.add(period, SettlementFactKind.TRADE_PLATFORM_FEES, "", 0,
                        e.tradeValue().minus(e.tradeAmount()).amount(), wh);
                facts.add(period, SettlementFactKind.TRADE_EXPORT_REVERSALS, "", 0,
                        e.tariffReversal().plus(e.bankShortfallCharge()).amount(), wh);
                if (e.imbalanceCharge().isPositive()) {
                    facts.add(period, SettlementFactKind.TRADE_IMBALANCE, "", 0, e.imbalanceCharge().amount(), 0);
                }
            }
            state.balance = e.balanceAfter().amount();
        } else if (event instanceof MeterReadingsRejected e) {
            facts.energy(SettlementPeriods.periodAt(e.receivedAt(), state.zone), SettlementFactKind.READINGS_REJECTED,
                    e.readings().size());
        } else if (event instanceof EmergencyCreditActivated) {
            state.emergencyCreditActive = true;
        } else if (event instanceof EmergencyCreditRepaid) {
            state.emergencyCreditActive = false;
        } else if (event instanceof DisconnectionDeferred e) {
            facts.add(SettlementPeriods.periodAt(e.at(), state.zone), SettlementFactKind.DEFERRALS, e.reason().name(),
                    0, BigDecimal.ZERO, 1);
        } else if (event instanceof SupplyStateConfirmed e) {
            if (e.state() == SupplyState.DISCONNECTED && state.disconnectedSince == null) {
                state.disconnectedSince = e.at();
                facts.energy(SettlementPeriods.periodAt(e.at(), state.zone), SettlementFactKind.DISCONNECTIONS, 1);
            } else if (e.state() == SupplyState.CONNECTED && state.disconnectedSince != null) {
                disconnectedSeconds(state, state.disconnectedSince, e.at())
                        .forEach((p, s) -> facts.energy(p, SettlementFactKind.DISCONNECTED_SECONDS, s));
                state.disconnectedSince = null;
            }
        }
        state.lastEventSequence = sequence;
        return facts.list();
    }

    /** The seconds of {@code [from, to)} in each period of the account's time zone. */
    public static Map<YearMonth, Long> disconnectedSeconds(SettlementMeterState state, Instant from, Instant to) {
        Map<YearMonth, Long> seconds = new LinkedHashMap<>();
        Instant start = from;
        while (start.isBefore(to)) {
            YearMonth period = SettlementPeriods.periodAt(start, state.zone);
            Instant end = SettlementPeriods.endOf(period, state.zone);
            Instant until = end.isBefore(to) ? end : to;
            seconds.merge(period, Duration.between(start, until).toSeconds(), Long::sum);
            start = until;
        }
        return seconds;
    }

    private static int version(Integer v) {
        return v == null ? 0 : v;
    }

    private record Key(YearMonth period, SettlementFactKind kind, String label, int tariffVersion) {
    }

    /** Facts of one event, summed per key in the order first seen. */
    private static final class Facts {
        private final SettlementMeterState state;
        private final long sequence;
        private final Map<Key, BigDecimal> amounts = new LinkedHashMap<>();
        private final Map<Key, Long> quantities = new LinkedHashMap<>();

        Facts(SettlementMeterState state, long sequence) {
            this.state = state;
            this.sequence = sequence;
        }

        void add(YearMonth period, SettlementFactKind kind, String label, int version, BigDecimal amount,
                 long quantity) {
            Key key = new Key(period, kind, label, version);
            amounts.merge(key, amount, BigDecimal::add);
            quantities.merge(key, quantity, Long::sum);
        }

        void energy(YearMonth period, SettlementFactKind kind, long quantity) {
            if (quantity != 0) {
                add(period, kind, "", 0, BigDecimal.ZERO, quantity);
            }
        }

        List<SettlementFact> list() {
            List<SettlementFact> out = new ArrayList<>(amounts.size());
            int n = 0;
            for (Map.Entry<Key, BigDecimal> e : amounts.entrySet()) {
                Key k = e.getKey();
                out.add(new SettlementFact(state.meterId, sequence, n++, k.period(), k.kind(), k.label(),
                        state.tariffId, k.tariffVersion(), e.getValue().setScale(Money.SCALE), quantities.get(k),
                        state.currency));
            }
            return out;
        }
    }
}
