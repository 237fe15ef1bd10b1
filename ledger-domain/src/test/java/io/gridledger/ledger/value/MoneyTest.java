package io.gridledger.ledger.value;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void keepsEveryAmountAtFourDecimals() {
        assertThat(Money.of("1.5", "EUR").amount()).isEqualByComparingTo("1.5").hasScaleOf(4);
        assertThat(Money.of("1.5", "EUR")).isEqualTo(Money.of("1.50000", "EUR"));
        assertThat(Money.of("2", "EUR")).hasToString("2.0000 EUR");
    }

    @Test
    void refusesAnAmountThatWouldNeedRounding() {
        assertThatThrownBy(() -> Money.of("0.00001", "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 4 decimal places");
    }

    @ParameterizedTest(name = "{0} rounds to {1}")
    @CsvSource({
            "0.00005, 0.0000",
            "0.00015, 0.0002",
            "0.00025, 0.0002",
            "0.00035, 0.0004",
            "-0.00015, -0.0002",
            "0.000051, 0.0001"
    })
    void roundsExactResultsHalfEvenToFourDecimals(String exact, String rounded) {
        assertThat(Money.rounded(new BigDecimal(exact), EUR)).isEqualTo(Money.of(rounded, "EUR"));
    }

    @Test
    void takesAPercentageRoundedHalfEven() {
        assertThat(Money.of("10.0001", "EUR").percent(new BigDecimal("50"))).isEqualTo(Money.of("5.0000", "EUR"));
        assertThat(Money.of("10.0003", "EUR").percent(new BigDecimal("50"))).isEqualTo(Money.of("5.0002", "EUR"));
        assertThat(Money.of("7.00", "EUR").percent(new BigDecimal("12.5"))).isEqualTo(Money.of("0.8750", "EUR"));
    }

    @Test
    void neverMixesCurrencies() {
        Money euros = Money.of("1", "EUR");
        Money pounds = Money.of("1", "GBP");
        assertThatThrownBy(() -> euros.plus(pounds)).hasMessageContaining("currency mismatch");
        assertThatThrownBy(() -> euros.minus(pounds)).hasMessageContaining("currency mismatch");
        assertThatThrownBy(() -> euros.compareTo(pounds)).hasMessageContaining("currency mismatch");
    }

    @Test
    void addsAndSubtractsExactly() {
        Money balance = Money.of("0.1", "EUR").plus(Money.of("0.2", "EUR")).minus(Money.of("0.3", "EUR"));
        assertThat(balance.isZero()).isTrue();
        assertThat(Money.of("-0.0001", "EUR").isNegative()).isTrue();
        assertThat(Money.of("3", "EUR").min(Money.of("2", "EUR"))).isEqualTo(Money.of("2", "EUR"));
    }

    @Test
    void percentageMustLieBetweenZeroAndHundred() {
        assertThat(Percentage.of("12.50")).isEqualTo(Percentage.of("12.5"));
        assertThatThrownBy(() -> Percentage.of("100.01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentage.of("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
