package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * An accepted reading and what it meant: the energy measured over {@code (previousAt, reading.at]}
 * and how it was settled. The first reading of an account, and the first of a replacement meter,
 * is a baseline: {@code previousAt} is {@code null}, deltas are zero and nothing is settled.
 *
 * @param importWh          A+ delta in Wh (never negative)
 * @param exportWh          A− delta in Wh (zero when export is not reported)
 * @param tariffVersion     the tariff version that priced it ({@code null} for a baseline)
 * @param consumptionMonth  the calendar month (tariff time zone) the import counts toward for blocks
 * @param charges           the charged import, per band or block
 * @param period            the settlement period (account time zone) the interval belongs to
 * @param exportCredit      what the export earned under net billing ({@code null} otherwise)
 * @param bankDepositWh     Wh put into the net-metering bank (the export, under net metering)
 * @param bankDrawWh        import Wh drawn from the bank, not charged
 * @param reactive          the reactive quadrants, {@code null} when either reading lacks them
 */
public record AcceptedInterval(
        RegisterReading reading,
        Instant previousAt,
        long importWh,
        long exportWh,
        Integer tariffVersion,
        YearMonth consumptionMonth,
        List<ImportCharge> charges,
        YearMonth period,
        Money exportCredit,
        long bankDepositWh,
        long bankDrawWh,
        ReactiveEnergy reactive) {

    public AcceptedInterval {
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    static AcceptedInterval baseline(RegisterReading reading) {
        return new AcceptedInterval(reading, null, 0, 0, null, null, List.of(), null, null, 0, 0, null);
    }

    public boolean isBaseline() {
        return previousAt == null;
    }

    /** The import actually charged (import less what the bank covered). */
    public long chargedImportWh() {
        return importWh - bankDrawWh;
    }

    /** The period the interval is booked in: its own, or the first open one when its own had closed. */
    public YearMonth bookedIn(YearMonth firstOpenPeriod) {
        return firstOpenPeriod == null || period.isAfter(firstOpenPeriod) ? period : firstOpenPeriod;
    }
}
