package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one meter measured in a delivery interval and what its tariff already did with it, read from
 * the account's accepted readings (a reading span that straddles the interval counts pro rata):
 * import and export in Wh, the import charge, the export credit (net billing) and the Wh put into
 * the net-metering bank. Settlement takes traded energy out of these, never more.
 */
public record MeasuredInterval(MeterId meterId, long importWh, long exportWh, Money importCharged,
                               Money exportCredited, long bankDepositedWh) {

    public MeasuredInterval {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(importCharged, "importCharged");
        Objects.requireNonNull(exportCredited, "exportCredited");
        if (importWh < 0 || exportWh < 0 || bankDepositedWh < 0 || bankDepositedWh > exportWh) {
            throw new IllegalArgumentException("measured energy of " + meterId + " must be 0 or more, "
                    + "and the bank deposit at most the export");
        }
    }

    /** The part of the import charge that {@code wh} of the import carried: pro rata, half-even. */
    Money importChargeOf(long wh) {
        return importWh == 0 ? Money.zero(importCharged.currency()) : share(importCharged, wh, importWh);
    }

    /** The part of the export credit that {@code wh} of the export earned: pro rata, half-even. */
    Money exportCreditOf(long wh) {
        return exportWh == 0 ? Money.zero(exportCredited.currency()) : share(exportCredited, wh, exportWh);
    }

    /** The part of {@code wh} of the export that went into the bank (rounded down: never more than deposited). */
    long bankDepositOf(long wh) {
        return exportWh == 0 ? 0 : Math.multiplyExact(wh, bankDepositedWh) / exportWh;
    }

    private static Money share(Money whole, long part, long of) {
        return Money.rounded(whole.amount().multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(of), Money.SCALE, Money.ROUNDING), whole.currency());
    }
}
