package io.gridledger.ledger.statement;

import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One line of a statement: every balance movement of one kind, period of origin, tariff version
 * and price, added up. {@code forPeriod} earlier than the statement's period marks a late
 * adjustment. {@code quantity} is in {@code unit} (Wh, varh or days) at {@code unitPrice} per kWh,
 * kvarh or day; both are {@code null} for payments. {@code taxContained} is the tax in a charge,
 * {@code amount × t / (100 + t)} rounded half-even to four decimals, zero for other lines.
 */
public record StatementLine(StatementLineKind kind, YearMonth forPeriod, String description, Integer tariffVersion,
                            Long quantity, String unit, BigDecimal unitPrice, Money amount, Money taxContained) {

    public boolean isAdjustmentFor(YearMonth statementPeriod) {
        return forPeriod.isBefore(statementPeriod);
    }
}
