package io.gridledger.projections.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One money movement: {@code amount} (positive credit, negative debit, four decimals) and the
 * balance right after it. {@code energyWh} is set for energy charges.
 */
public record LedgerEntryView(Instant at, LedgerEntryType type, BigDecimal amount, BigDecimal balanceAfter,
                              String currency, String cause, Long energyWh, long eventSequence, int lineNo) {
}
