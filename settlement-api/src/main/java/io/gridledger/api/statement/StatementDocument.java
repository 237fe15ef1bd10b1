package io.gridledger.api.statement;

import io.gridledger.api.input.MoneyJson;
import io.gridledger.ledger.statement.Statement;
import io.gridledger.ledger.statement.StatementLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A statement as JSON. Money is {@code {amount, currency}} with four decimals; energy in Wh, reactive in varh. */
public record StatementDocument(String meterId, String customerId, String period, String timezone, String status,
                                Instant closedAt, boolean closedEarly, Instant asOf, MoneyJson openingBalance,
                                MoneyJson closingBalance, List<Line> lines, Totals totals, Energy energy, Bank bank,
                                Reactive reactive, List<Trade> trades) {

    /** {@code adjustment} marks a late line that belongs to an earlier, already closed, period ({@code forPeriod}). */
    public record Line(String kind, String forPeriod, boolean adjustment, String description, Integer tariffVersion,
                       Long quantity, String unit, String unitPrice, MoneyJson amount, MoneyJson taxContained) {
    }

    public record Totals(MoneyJson topUps, MoneyJson debtRecovered, MoneyJson emergencyCreditRepaid,
                         MoneyJson importCharges, MoneyJson standingCharges, MoneyJson exportCredits,
                         MoneyJson bankPayout, MoneyJson reactiveCharges, MoneyJson adjustments,
                         MoneyJson taxContained, MoneyJson trading) {
    }

    /** {@code boughtWh} of the import was bought from neighbours and {@code soldWh} of the export sold to them. */
    public record Energy(long importWh, long exportWh, long netWh, long bankCoveredImportWh, long lateIntervals,
                         long boughtWh, long soldWh) {
    }

    public record Bank(long openingWh, long depositedWh, long drawnWh, long soldWh, long closingWh, long paidOutWh,
                       long carriedWh) {
    }

    public record Reactive(long inductiveVarh, long freeVarh, long chargedVarh) {
    }

    /** A peer-to-peer trade booked in the period (see {@code Statement.Trade}). */
    public record Trade(String tradeId, String role, Instant intervalStart, long matchedWh, long deliveredWh,
                        MoneyJson value, MoneyJson amount, MoneyJson tariffReversal, MoneyJson imbalanceCharge,
                        MoneyJson balanceChange) {
    }

    static StatementDocument of(Statement s, Instant asOf) {
        Statement.Totals t = s.totals();
        return new StatementDocument(s.meterId().value(), s.customerId().value(), s.period().toString(),
                s.timezone().getId(), s.status().name(), s.closedAt(), s.closedEarly(), asOf,
                MoneyJson.of(s.openingBalance()), MoneyJson.of(s.closingBalance()),
                s.lines().stream().map(l -> line(l, s)).toList(),
                new Totals(MoneyJson.of(t.topUps()), MoneyJson.of(t.debtRecovered()),
                        MoneyJson.of(t.emergencyCreditRepaid()), MoneyJson.of(t.importCharges()),
                        MoneyJson.of(t.standingCharges()), MoneyJson.of(t.exportCredits()),
                        MoneyJson.of(t.bankPayout()), MoneyJson.of(t.reactiveCharges()),
                        MoneyJson.of(t.adjustments()), MoneyJson.of(t.taxContained()), MoneyJson.of(t.trading())),
                new Energy(s.energy().importWh(), s.energy().exportWh(), s.energy().netWh(),
                        s.energy().bankCoveredImportWh(), s.energy().lateIntervals(), s.energy().boughtWh(),
                        s.energy().soldWh()),
                new Bank(s.bank().openingWh(), s.bank().depositedWh(), s.bank().drawnWh(), s.bank().soldWh(),
                        s.bank().closingWh(),
                        s.bank().paidOutWh(), s.bank().carriedWh()),
                new Reactive(s.reactive().inductiveVarh(), s.reactive().freeVarh(), s.reactive().chargedVarh()),
                s.trades().stream().map(trade -> new Trade(trade.tradeId(), trade.role(), trade.intervalStart(),
                        trade.matchedWh(), trade.deliveredWh(), MoneyJson.of(trade.value()), MoneyJson.of(trade.amount()),
                        MoneyJson.of(trade.tariffReversal()), MoneyJson.of(trade.imbalanceCharge()),
                        MoneyJson.of(trade.balanceChange()))).toList());
    }

    private static Line line(StatementLine l, Statement s) {
        return new Line(l.kind().name(), l.forPeriod().toString(), l.isAdjustmentFor(s.period()), l.description(),
                l.tariffVersion(), l.quantity(), l.unit(), plain(l.unitPrice()), MoneyJson.of(l.amount()),
                MoneyJson.of(l.taxContained()));
    }

    static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }
}
