package io.gridledger.ledger.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, held exactly with {@value #SCALE} decimal places (1/10,000 of
 * the currency unit). Never floating point.
 *
 * <p>Sign convention: positive is money the customer holds (credit), negative is money owed. Any
 * operation that would need more than four decimals rounds half-even to four ({@link #ROUNDING}).
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** Decimal places every amount carries. */
    public static final int SCALE = 4;
    /** The one rounding rule of the ledger: banker's rounding to {@value #SCALE} decimals. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        try {
            amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "amount " + amount.toPlainString() + " has more than " + SCALE + " decimal places");
        }
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Rounds an exact result (for example price × energy) to the ledger's scale with {@link #ROUNDING}. */
    public static Money rounded(BigDecimal exact, Currency currency) {
        return new Money(exact.setScale(SCALE, ROUNDING), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** {@code percent}% of this amount, rounded half-even to four decimals. */
    public Money percent(BigDecimal percent) {
        return rounded(amount.multiply(percent).movePointLeft(2), currency);
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    public void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
