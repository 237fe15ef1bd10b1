package io.gridledger.api.input;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;

/** Money on the wire: {@code {"amount":"12.3456","currency":"EUR"}}, the amount a decimal string with four places. */
public record MoneyJson(String amount, String currency) {

    public static MoneyJson of(Money money) {
        return money == null ? null : new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
    }

    public static MoneyJson of(BigDecimal amount, String currency) {
        return amount == null ? null : new MoneyJson(amount.setScale(Money.SCALE).toPlainString(), currency);
    }
}
