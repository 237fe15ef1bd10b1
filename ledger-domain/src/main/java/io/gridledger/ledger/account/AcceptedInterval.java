package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.ImportCharge;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * An accepted reading and what it meant: the energy measured over {@code (previousAt, reading.at]}
 * and the charged parts. The first reading of an account is a baseline: {@code previousAt} is
 * {@code null}, deltas are zero and nothing is charged.
 *
 * @param importWh          A+ delta in Wh (never negative)
 * @param exportWh          A− delta in Wh (zero when export is not reported)
 * @param tariffVersion     the tariff version that priced it ({@code null} for a baseline)
 * @param consumptionMonth  the calendar month (tariff time zone) the import counts toward
 */
public record AcceptedInterval(
        RegisterReading reading,
        Instant previousAt,
        long importWh,
        long exportWh,
        Integer tariffVersion,
        YearMonth consumptionMonth,
        List<ImportCharge> charges) {

    public AcceptedInterval {
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    static AcceptedInterval baseline(RegisterReading reading) {
        return new AcceptedInterval(reading, null, 0, 0, null, null, List.of());
    }

    public boolean isBaseline() {
        return previousAt == null;
    }
}
