package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.time.Instant;
import java.time.YearMonth;

/**
 * One side of a peer-to-peer trade was booked (also when nothing was delivered: the case stays
 * visible). {@code tradeValue} is the delivered Wh at the clearing price; the buyer's
 * {@code tradeAmount} adds the grid fee to it, the seller's takes the platform fee off. {@code balanceChange} is, for a buyer,
 * {@code −tradeAmount + tariffReversal}; for a seller, {@code tradeAmount − tariffReversal −
 * bankShortfallCharge − imbalanceCharge}. A seller's deposit is taken out of the net-metering bank of
 * {@code period}; what the bank no longer held ({@code bankShortfallWh}, already drawn by import) is
 * charged at the export price instead ({@code bankShortfallCharge}).
 */
public record TradeSettled(MeterId meterId, String tradeId, TradeRole role, Instant intervalStart,
                           long matchedWh, long deliveredWh, Money tradeValue, Money tradeAmount, Money tariffReversal, long bankWithdrawnWh,
                           long bankShortfallWh, Money bankShortfallCharge, Money imbalanceCharge,
                           Money balanceChange, Money balanceAfter, YearMonth period, Instant at) implements AccountEvent {
}
