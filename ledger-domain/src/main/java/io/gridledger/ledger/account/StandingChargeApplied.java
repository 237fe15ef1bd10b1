package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The standing charge for one local calendar day (account time zone) was taken from the balance.
 * {@code amount} is positive (a debit); it is zero, with {@code tariffVersion} null, for a day no
 * tariff version covered.
 */
public record StandingChargeApplied(MeterId meterId, LocalDate day, Integer tariffVersion, Money amount,
                                    Money balanceAfter, Instant at) implements AccountEvent {
}
