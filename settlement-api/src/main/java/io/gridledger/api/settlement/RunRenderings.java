package io.gridledger.api.settlement;

import io.gridledger.api.report.Csv;
import io.gridledger.api.report.PdfReport;
import io.gridledger.projections.settlement.SettlementFigures;
import io.gridledger.projections.settlement.SettlementRunDocument;

import java.util.ArrayList;
import java.util.List;

/** A settlement run as CSV (figure, value rows) and as PDF; the JSON form is the signed canonical document. */
final class RunRenderings {

    private RunRenderings() {
    }

    static String csv(SettlementRunDocument r) {
        Csv csv = new Csv("figure", "value", "unit");
        for (String[] row : rows(r)) {
            csv.row((Object[]) row);
        }
        for (SettlementFigures.Revenue rev : r.figures().revenue()) {
            csv.row("revenue[" + rev.tariffId() + " v" + rev.tariffVersion() + " " + rev.label() + "].amount",
                    rev.amount(), r.figures().currency());
            csv.row("revenue[" + rev.tariffId() + " v" + rev.tariffVersion() + " " + rev.label() + "].energyWh",
                    rev.energyWh(), "Wh");
        }
        for (SettlementRunDocument.Change c : r.changes()) {
            csv.row("change " + c.figure(), c.previous() + " -> " + c.current(), "");
        }
        csv.row("digest", r.digest(), "sha256");
        return csv.toString();
    }

    static byte[] pdf(SettlementRunDocument r) {
        List<String[]> facts = new ArrayList<>();
        for (String[] row : rows(r)) {
            facts.add(new String[] {row[0], row[1] + (row[2].isEmpty() ? "" : " " + row[2])});
        }
        List<String[]> revenue = r.figures().revenue().stream().map(rev -> new String[] {
                rev.label(), rev.tariffId() + " v" + rev.tariffVersion(), rev.energyWh() + " Wh", rev.amount()})
                .toList();
        List<String[]> changes = r.changes().stream().map(c -> new String[] {c.figure(), String.valueOf(c.previous()),
                String.valueOf(c.current())}).toList();
        PdfReport pdf = new PdfReport()
                .title("Settlement run " + r.run() + " - period " + r.period(),
                        "Retailer " + r.retailer() + " | issued " + r.issuedAt() + " | currency "
                                + r.figures().currency())
                .facts("Figures", facts)
                .table("Import revenue per band or block", new String[] {"Band / block", "Tariff", "Energy", "Amount"},
                        new float[] {0.46f, 0.18f, 0.18f, 0.18f}, new boolean[] {false, false, true, true}, revenue);
        if (!changes.isEmpty()) {
            pdf.table("Changes from the previous run", new String[] {"Figure", "Previous", "Now"},
                    new float[] {0.5f, 0.25f, 0.25f}, new boolean[] {false, true, true}, changes);
        }
        return pdf.note("Events " + r.chain().fromGlobalIndex() + ".." + r.chain().toGlobalIndex() + " (chain "
                        + r.chain().fromChainSeq() + ".." + r.chain().toChainSeq() + "), root " + r.chain().root())
                .note("Digest " + r.digest() + " - check with ops/verify-run.sh (see README).")
                .render();
    }

    private static List<String[]> rows(SettlementRunDocument r) {
        SettlementFigures f = r.figures();
        String c = f.currency();
        SettlementFigures.Trading t = f.trading();
        List<String[]> rows = new ArrayList<>(List.of(
                new String[] {"retailer", r.retailer(), ""},
                new String[] {"period", r.period(), ""},
                new String[] {"run", r.run(), ""},
                new String[] {"issuedAt", r.issuedAt(), ""},
                new String[] {"chain.fromGlobalIndex", String.valueOf(r.chain().fromGlobalIndex()), ""},
                new String[] {"chain.toGlobalIndex", String.valueOf(r.chain().toGlobalIndex()), ""},
                new String[] {"chain.root", r.chain().root(), "sha256"},
                new String[] {"metersBilled", String.valueOf(f.metersBilled()), ""},
                new String[] {"energy.importWh", String.valueOf(f.energy().importWh()), "Wh"},
                new String[] {"energy.exportWh", String.valueOf(f.energy().exportWh()), "Wh"},
                new String[] {"energy.netWh", String.valueOf(f.energy().netWh()), "Wh"},
                new String[] {"energy.bankDepositedWh", String.valueOf(f.energy().bankDepositedWh()), "Wh"},
                new String[] {"energy.bankDrawnWh", String.valueOf(f.energy().bankDrawnWh()), "Wh"},
                new String[] {"charges.importCharges", f.charges().importCharges(), c},
                new String[] {"charges.standingCharges", f.charges().standingCharges(), c},
                new String[] {"charges.reactiveCharges", f.charges().reactiveCharges(), c},
                new String[] {"charges.taxCollected", f.charges().taxCollected(), c},
                new String[] {"credits.exportCredits", f.credits().exportCredits(), c},
                new String[] {"credits.bankPayout", f.credits().bankPayout(), c},
                new String[] {"payments.topUps", f.payments().topUps(), c},
                new String[] {"payments.debtRecovered", f.payments().debtRecovered(), c},
                new String[] {"payments.emergencyCreditRepaid", f.payments().emergencyCreditRepaid(), c},
                new String[] {"outstanding.debt", f.outstanding().debt(), c},
                new String[] {"outstanding.emergencyCredit", f.outstanding().emergencyCredit(), c},
                new String[] {"disconnections.count", String.valueOf(f.disconnections().count()), ""},
                new String[] {"disconnections.disconnectedHours", f.disconnections().disconnectedHours(), "h"},
                new String[] {"disconnections.deferredFriendlyPeriod",
                        String.valueOf(f.disconnections().deferredFriendlyPeriod()), ""},
                new String[] {"disconnections.deferredVulnerableCustomer",
                        String.valueOf(f.disconnections().deferredVulnerableCustomer()), ""},
                new String[] {"readings.rejected", String.valueOf(f.readings().rejected()), ""},
                new String[] {"readings.late", String.valueOf(f.readings().late()), "intervals"}));
        if (t != null) {
            rows.addAll(List.of(
                    new String[] {"trading.deliveredWh", String.valueOf(t.deliveredWh()), "Wh"},
                    new String[] {"trading.value", t.value(), c},
                    new String[] {"trading.averagePricePerKwh", t.averagePricePerKwh() == null ? ""
                            : t.averagePricePerKwh(), c + "/kWh"},
                    new String[] {"trading.gridFees", t.gridFees(), c},
                    new String[] {"trading.platformFees", t.platformFees(), c},
                    new String[] {"trading.importRefunds", t.importRefunds(), c},
                    new String[] {"trading.exportReversals", t.exportReversals(), c},
                    new String[] {"trading.imbalanceCharges", t.imbalanceCharges(), c},
                    new String[] {"trading.undeliveredWh", String.valueOf(t.undeliveredWh()), "Wh"}));
        }
        return rows;
    }
}
