package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A payment was credited. Of {@code amount}: {@code emergencyCreditRepaid} covered a negative
 * balance first, {@code debtRecovered} went to the debt, and the balance rose by
 * {@code amount − debtRecovered} to {@code balanceAfter}. It is booked in settlement {@code period}.
 */
public record AccountToppedUp(MeterId meterId, PaymentId paymentId, Money amount, Instant paidAt,
                              Money emergencyCreditRepaid, Money debtRecovered, Money balanceAfter,
                              Money debtAfter, YearMonth period, Instant at) implements AccountEvent {
}
