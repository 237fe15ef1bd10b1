package io.gridledger.projections.settlement;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One settlement fact of one account event: the sum, for {@code period}, of everything of one
 * {@code kind}, {@code label} and tariff version the event carried. {@code amount} is zero for
 * kinds without money.
 */
public record SettlementFact(String meterId, long eventSequence, int factNo, YearMonth period,
                             SettlementFactKind kind, String label, String tariffId, int tariffVersion,
                             BigDecimal amount, long quantity, String currency) {
}
