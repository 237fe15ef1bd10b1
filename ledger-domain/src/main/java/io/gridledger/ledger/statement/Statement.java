package io.gridledger.ledger.statement;

import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * What happened to one account in one settlement period: {@code closingBalance} is exactly
 * {@code openingBalance} plus the amounts of {@code lines}, and the next period opens with it.
 * An {@code OPEN} statement is provisional; a {@code CLOSED} one never changes (later data is
 * booked as an adjustment on the next statement).
 */
public record Statement(
        MeterId meterId,
        CustomerId customerId,
        YearMonth period,
        ZoneId timezone,
        Status status,
        Instant closedAt,
        boolean closedEarly,
        Money openingBalance,
        List<StatementLine> lines,
        Money closingBalance,
        Totals totals,
        Energy energy,
        Bank bank,
        Reactive reactive,
        List<Trade> trades) {

    public enum Status { OPEN, CLOSED }

    public Statement {
        lines = List.copyOf(lines);
        trades = List.copyOf(trades);
    }

    /**
     * One peer-to-peer trade booked in the period, as this account's side saw it: {@code amount} is
     * what a buyer paid (value + grid fee) or a seller received (value − platform fee);
     * {@code tariffReversal} the import charge given back to a buyer or the export credit a seller gave
     * back; {@code balanceChange} the net effect on the balance.
     */
    public record Trade(String tradeId, String role, Instant intervalStart, long matchedWh, long deliveredWh,
                        Money value, Money amount, Money tariffReversal, Money imbalanceCharge, Money balanceChange) {
    }

    /** Sums of the lines by kind, and the tax contained in the charges; {@code trading} nets every peer-to-peer line. */
    public record Totals(Money topUps, Money debtRecovered, Money emergencyCreditRepaid, Money importCharges,
                         Money standingCharges, Money exportCredits, Money bankPayout, Money reactiveCharges,
                         Money adjustments, Money taxContained, Money trading) {
    }

    /**
     * Energy booked in the period; {@code bankCoveredImportWh} of the import was not charged;
     * {@code boughtWh} of the import was bought and {@code soldWh} of the export sold peer-to-peer.
     */
    public record Energy(long importWh, long exportWh, long bankCoveredImportWh, long lateIntervals, long boughtWh,
                         long soldWh) {

        public long netWh() {
            return importWh - exportWh;
        }
    }

    /** The net-metering kWh bank: opening + deposited − drawn − sold = paid out + carried to the next period. */
    public record Bank(long openingWh, long depositedWh, long drawnWh, long soldWh, long paidOutWh, long carriedWh) {

        public long closingWh() {
            return openingWh + depositedWh - drawnWh - soldWh;
        }
    }

    public record Reactive(long inductiveVarh, long freeVarh, long chargedVarh) {
    }
}
