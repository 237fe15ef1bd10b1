package io.gridledger.ledger.account;

import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Opens the prepaid account of one meter with a zero balance. Money values must be in the
 * tariff's currency; {@code debt} is recovered at {@code debtRecoveryPercent} of each top-up. The
 * account belongs to {@code retailerId}, whose tariff it must use.
 */
public record OpenMeterAccount(
        MeterId meterId,
        CustomerId customerId,
        TariffId tariffId,
        ZoneId timezone,
        Money lowCreditThreshold,
        Money emergencyCreditLimit,
        boolean autoEmergencyCredit,
        Money debt,
        Percentage debtRecoveryPercent,
        boolean vulnerable,
        FriendlyCreditCalendar friendlyCredit,
        Instant at,
        RetailerId retailerId) {

    public OpenMeterAccount {
        java.util.Objects.requireNonNull(retailerId, "retailerId");
    }

    /** An account of the deployment's default retailer. */
    public OpenMeterAccount(MeterId meterId, CustomerId customerId, TariffId tariffId, ZoneId timezone,
                            Money lowCreditThreshold, Money emergencyCreditLimit, boolean autoEmergencyCredit,
                            Money debt, Percentage debtRecoveryPercent, boolean vulnerable,
                            FriendlyCreditCalendar friendlyCredit, Instant at) {
        this(meterId, customerId, tariffId, timezone, lowCreditThreshold, emergencyCreditLimit, autoEmergencyCredit,
                debt, debtRecoveryPercent, vulnerable, friendlyCredit, at, RetailerId.DEFAULT);
    }
}
