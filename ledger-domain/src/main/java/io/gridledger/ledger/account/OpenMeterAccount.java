package io.gridledger.ledger.account;

import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Opens the prepaid account of one meter with a zero balance. Money values must be in the
 * tariff's currency; {@code debt} is recovered at {@code debtRecoveryPercent} of each top-up.
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
        Instant at) {
}
