package io.gridledger.ledger.account;

import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;

/**
 * A meter's prepaid account was opened with a zero balance in {@code currency} for its retailer
 * (events written before retailers were recorded belong to {@link RetailerId#DEFAULT}).
 */
public record MeterAccountOpened(
        MeterId meterId,
        CustomerId customerId,
        TariffId tariffId,
        ZoneId timezone,
        Currency currency,
        Money lowCreditThreshold,
        Money emergencyCreditLimit,
        boolean autoEmergencyCredit,
        Money debt,
        Percentage debtRecoveryPercent,
        boolean vulnerable,
        FriendlyCreditCalendar friendlyCredit,
        Instant openedAt,
        RetailerId retailerId) implements AccountEvent {

    public MeterAccountOpened {
        retailerId = retailerId == null ? RetailerId.DEFAULT : retailerId;
    }
}
