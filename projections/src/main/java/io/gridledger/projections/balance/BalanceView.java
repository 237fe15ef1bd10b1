package io.gridledger.projections.balance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a customer's app and an operator see of one account. Money values are in {@code currency}
 * with four decimals; registers are cumulative Wh/varh as last read.
 */
public record BalanceView(
        String meterId,
        String customerId,
        String tariffId,
        String timezone,
        String currency,
        BigDecimal balance,
        String creditState,
        boolean emergencyCreditActive,
        BigDecimal emergencyCreditInUse,
        BigDecimal emergencyCreditLimit,
        BigDecimal debt,
        BigDecimal lowCreditThreshold,
        boolean lowCredit,
        String supply,
        String pendingRelayCommand,
        String pendingRelayRequestId,
        Instant relayExpiresAt,
        String disconnectionDeferredReason,
        Instant disconnectionReviewAt,
        Instant lastReadingAt,
        Registers lastRegisters,
        long readingsRejected,
        long lastEventSequence,
        Instant updatedAt) {

    /** Last read cumulative registers; reactive ones are null when the meter does not report them. */
    public record Registers(Long activeImportWh, Long activeExportWh, Long reactiveQ1Varh, Long reactiveQ2Varh,
                            Long reactiveQ3Varh, Long reactiveQ4Varh) {
    }
}
