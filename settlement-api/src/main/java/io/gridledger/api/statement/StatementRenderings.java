package io.gridledger.api.statement;

import io.gridledger.api.report.Csv;
import io.gridledger.api.report.PdfReport;
import io.gridledger.ledger.statement.Statement;
import io.gridledger.ledger.statement.StatementLine;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A statement as CSV (one row per line, then the totals) and as a one-page PDF a customer can read. */
final class StatementRenderings {

    private StatementRenderings() {
    }

    static String csv(Statement s) {
        Csv csv = new Csv("section", "kind", "for_period", "description", "tariff_version", "quantity", "unit",
                "unit_price", "amount", "tax_contained", "currency");
        String c = s.openingBalance().currency().getCurrencyCode();
        csv.row("balance", "OPENING", s.period(), "opening balance", null, null, null, null,
                s.openingBalance().amount(), null, c);
        for (StatementLine l : s.lines()) {
            csv.row("line", l.kind(), l.forPeriod(), l.description(), l.tariffVersion(), l.quantity(), l.unit(),
                    l.unitPrice(), l.amount().amount(), l.taxContained().amount(), c);
        }
        Statement.Totals t = s.totals();
        csv.row("total", "TOP_UPS", s.period(), "top-ups", null, null, null, null, t.topUps().amount(), null, c);
        csv.row("total", "IMPORT_CHARGES", s.period(), "import charges", null, s.energy().importWh(), "Wh", null,
                t.importCharges().amount(), null, c);
        csv.row("total", "STANDING_CHARGES", s.period(), "standing charges", null, null, null, null,
                t.standingCharges().amount(), null, c);
        csv.row("total", "EXPORT_CREDITS", s.period(), "export credits", null, s.energy().exportWh(), "Wh", null,
                t.exportCredits().amount(), null, c);
        csv.row("total", "BANK_PAYOUT", s.period(), "net-metering bank paid out", null, s.bank().paidOutWh(), "Wh",
                null, t.bankPayout().amount(), null, c);
        csv.row("total", "REACTIVE_CHARGES", s.period(), "reactive charges", null, s.reactive().chargedVarh(), "varh",
                null, t.reactiveCharges().amount(), null, c);
        csv.row("total", "EMERGENCY_CREDIT_REPAID", s.period(), "emergency credit repaid from top-ups", null, null,
                null, null, t.emergencyCreditRepaid().amount(), null, c);
        csv.row("total", "DEBT_RECOVERED", s.period(), "debt recovered", null, null, null, null,
                t.debtRecovered().amount(), null, c);
        csv.row("total", "ADJUSTMENTS", s.period(), "late data of closed periods", null, s.energy().lateIntervals(),
                "intervals", null, t.adjustments().amount(), null, c);
        csv.row("total", "PEER_TO_PEER_TRADING", s.period(), "peer-to-peer trading (bought/sold Wh)", null,
                s.energy().boughtWh() + "/" + s.energy().soldWh(), "Wh", null, t.trading().amount(), null, c);
        csv.row("total", "TAX_CONTAINED", s.period(), "tax contained in charges", null, null, null, null,
                t.taxContained().amount(), null, c);
        csv.row("bank", "BANK", s.period(), "bank opening/deposited/drawn/sold/paid out/carried Wh", null,
                s.bank().openingWh() + "/" + s.bank().depositedWh() + "/" + s.bank().drawnWh() + "/"
                        + s.bank().soldWh() + "/" + s.bank().paidOutWh() + "/" + s.bank().carriedWh(), "Wh", null, null, null, null);
        for (Statement.Trade trade : s.trades()) {
            csv.row("trade", "TRADE_" + trade.role(), s.period(), trade.tradeId() + " (interval "
                            + trade.intervalStart() + ", " + trade.matchedWh() + " Wh matched)", null,
                    trade.deliveredWh(), "Wh", null, trade.balanceChange().amount(), null, c);
        }
        csv.row("balance", "CLOSING", s.period(), "closing balance (" + s.status() + ")", null, null, null, null,
                s.closingBalance().amount(), null, c);
        return csv.toString();
    }

    static byte[] pdf(Statement s, Instant asOf) {
        String status = s.status() == Statement.Status.CLOSED ? "closed " + date(s.closedAt())
                : "open - provisional, figures may still change";
        List<String[]> summary = List.of(
                pair("Opening balance", money(s.openingBalance())),
                pair("Closing balance", money(s.closingBalance())),
                pair("Top-ups", money(s.totals().topUps())),
                pair("Import charges", money(s.totals().importCharges().negate())),
                pair("Standing charges", money(s.totals().standingCharges().negate())),
                pair("Export credits", money(s.totals().exportCredits())),
                pair("Bank paid out", money(s.totals().bankPayout())),
                pair("Reactive charges", money(s.totals().reactiveCharges().negate())),
                pair("Debt recovered", money(s.totals().debtRecovered().negate())),
                pair("Emergency credit repaid", money(s.totals().emergencyCreditRepaid())),
                pair("Late adjustments", money(s.totals().adjustments())),
                pair("Peer-to-peer trading (" + s.trades().size() + " trades)", money(s.totals().trading())),
                pair("Tax contained in charges", money(s.totals().taxContained())));
        List<String[]> energy = List.of(
                pair("Imported", kwh(s.energy().importWh())),
                pair("Exported", kwh(s.energy().exportWh())),
                pair("Net", kwh(s.energy().netWh())),
                pair("Import covered by bank", kwh(s.energy().bankCoveredImportWh())),
                pair("Bought from neighbours", kwh(s.energy().boughtWh())),
                pair("Sold to neighbours", kwh(s.energy().soldWh())),
                pair("Bank at start", kwh(s.bank().openingWh())),
                pair("Bank at end", kwh(s.bank().closingWh())),
                pair("Bank paid out", kwh(s.bank().paidOutWh())),
                pair("Bank carried over", kwh(s.bank().carriedWh())),
                pair("Inductive reactive", kvarh(s.reactive().inductiveVarh())),
                pair("Reactive charged", kvarh(s.reactive().chargedVarh())));
        List<String[]> rows = new ArrayList<>();
        for (StatementLine l : s.lines()) {
            rows.add(new String[] {
                    l.description() + (l.isAdjustmentFor(s.period()) ? " (late, " + l.forPeriod() + ")" : ""),
                    l.quantity() == null ? "" : l.quantity() + " " + l.unit(),
                    l.unitPrice() == null ? "" : l.unitPrice().toPlainString(),
                    l.amount().amount().toPlainString()});
        }
        return new PdfReport()
                .title("Statement " + s.period() + " - meter " + s.meterId(),
                        "Customer " + s.customerId() + " | time zone " + s.timezone() + " | " + status
                                + (asOf == null ? "" : " | as of " + asOf))
                .facts("Summary (" + s.openingBalance().currency().getCurrencyCode() + ")", summary)
                .facts("Energy", energy)
                .table("Lines", new String[] {"Description", "Quantity", "Unit price", "Amount"},
                        new float[] {0.52f, 0.18f, 0.13f, 0.17f}, new boolean[] {false, true, true, true}, rows)
                .note("Amounts are gross (tax included), rounded half-even to 4 decimals per charged part; "
                        + "closing = opening + lines.")
                .render();
    }

    private static String[] pair(String label, String value) {
        return new String[] {label, value};
    }

    private static String money(Money m) {
        return m.amount().toPlainString() + " " + m.currency().getCurrencyCode();
    }

    private static String kwh(long wh) {
        return java.math.BigDecimal.valueOf(wh, 3).toPlainString() + " kWh";
    }

    private static String kvarh(long varh) {
        return java.math.BigDecimal.valueOf(varh, 3).toPlainString() + " kvarh";
    }

    private static String date(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
