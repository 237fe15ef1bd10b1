package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;

/**
 * One charged part of an import delta: {@code wh} priced at {@code pricePerKwh}, giving
 * {@code amount = round_half_even(wh × pricePerKwh / 1000, 4)}. {@code label} names the time-of-use
 * band or block that priced it.
 */
public record ImportCharge(String label, long wh, BigDecimal pricePerKwh, Money amount) {
}
