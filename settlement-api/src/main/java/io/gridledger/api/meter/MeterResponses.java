package io.gridledger.api.meter;

import io.gridledger.api.input.MoneyJson;
import io.gridledger.ledger.account.ReadingsOutcome;
import io.gridledger.ledger.account.TopUpReceipt;
import io.gridledger.projections.balance.BalanceView;
import io.gridledger.projections.consumption.ConsumptionBucket;
import io.gridledger.projections.ledger.LedgerEntryView;

import java.time.Instant;
import java.util.List;

/** Response bodies of the meter account endpoints. */
final class MeterResponses {

    private MeterResponses() {
    }

    record Balance(String meterId, String customerId, String tariffId, String timezone, MoneyJson balance,
                   String creditState, boolean lowCredit, MoneyJson lowCreditThreshold, boolean emergencyCreditActive,
                   MoneyJson emergencyCreditInUse, MoneyJson emergencyCreditLimit, MoneyJson debt, String supply,
                   String pendingRelayCommand, String pendingRelayRequestId, Instant pendingRelayExpiresAt,
                   Deferral disconnectionDeferred, Instant lastReadingAt, BalanceView.Registers lastRegisters,
                   long readingsRejected, Instant updatedAt) {

        static Balance of(BalanceView v) {
            String c = v.currency();
            return new Balance(v.meterId(), v.customerId(), v.tariffId(), v.timezone(), MoneyJson.of(v.balance(), c),
                    v.creditState(), v.lowCredit(), MoneyJson.of(v.lowCreditThreshold(), c),
                    v.emergencyCreditActive(), MoneyJson.of(v.emergencyCreditInUse(), c),
                    MoneyJson.of(v.emergencyCreditLimit(), c), MoneyJson.of(v.debt(), c), v.supply(),
                    v.pendingRelayCommand(), v.pendingRelayRequestId(), v.relayExpiresAt(),
                    v.disconnectionDeferredReason() == null ? null
                            : new Deferral(v.disconnectionDeferredReason(), v.disconnectionReviewAt()),
                    v.lastReadingAt(), v.lastRegisters(), v.readingsRejected(), v.updatedAt());
        }
    }

    /** Why an exhausted account keeps its supply, and when that is decided again (null: not automatically). */
    record Deferral(String reason, Instant reviewAt) {
    }

    /** Counts of a delivery, and for each rejected reading its time, reason and what to check. */
    record ReadingsAccepted(int accepted, int duplicate, int rejected, List<Rejection> rejections) {

        static ReadingsAccepted of(ReadingsOutcome o) {
            return new ReadingsAccepted(o.accepted(), o.duplicate(), o.rejected(), o.rejections().stream()
                    .map(r -> new Rejection(r.at(), r.reason().name(), r.detail())).toList());
        }
    }

    record Rejection(Instant at, String reason, String detail) {
    }

    /** What a top-up did; the same body again for every identical repeat. */
    record Receipt(String paymentId, MoneyJson amount, Instant paidAt, MoneyJson emergencyCreditRepaid,
                   MoneyJson debtRecovered, MoneyJson balanceAfter, MoneyJson debtAfter, Instant receivedAt) {

        static Receipt of(TopUpReceipt r) {
            return new Receipt(r.paymentId().value(), MoneyJson.of(r.amount()), r.paidAt(),
                    MoneyJson.of(r.emergencyCreditRepaid()), MoneyJson.of(r.debtRecovered()),
                    MoneyJson.of(r.balanceAfter()), MoneyJson.of(r.debtAfter()), r.at());
        }
    }

    record Ledger(String meterId, String currency, Instant from, Instant to, Instant asOf, List<Entry> entries) {
    }

    record Entry(Instant at, String type, MoneyJson amount, MoneyJson balanceAfter, String cause, Long energyWh) {

        static Entry of(LedgerEntryView e) {
            return new Entry(e.at(), e.type().name(), MoneyJson.of(e.amount(), e.currency()),
                    MoneyJson.of(e.balanceAfter(), e.currency()), e.cause(), e.energyWh());
        }
    }

    record Consumption(String meterId, String resolution, String timezone, Instant from, Instant to,
                       List<Bucket> intervals) {
    }

    record Bucket(Instant from, Instant to, long importWh, long exportWh, MoneyJson charged, Long reactiveQ1Varh,
                  Long reactiveQ2Varh, Long reactiveQ3Varh, Long reactiveQ4Varh, String powerFactor) {

        static Bucket of(ConsumptionBucket b, String currency) {
            return new Bucket(b.from(), b.to(), b.importWh(), b.exportWh(), MoneyJson.of(b.charged(), currency),
                    b.reactiveQ1Varh(), b.reactiveQ2Varh(), b.reactiveQ3Varh(), b.reactiveQ4Varh(),
                    b.powerFactor() == null ? null : b.powerFactor().toPlainString());
        }
    }
}
