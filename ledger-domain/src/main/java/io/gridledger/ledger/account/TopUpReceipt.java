package io.gridledger.ledger.account;

import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;

import java.time.Instant;

/**
 * What a top-up did, returned the same for every repeat of the payment ({@code repeated} tells a
 * repeat apart). {@code sequence} is the account's latest event sequence when the receipt was given.
 */
public record TopUpReceipt(PaymentId paymentId, Money amount, Instant paidAt, Money emergencyCreditRepaid,
                           Money debtRecovered, Money balanceAfter, Money debtAfter, Instant at, boolean repeated,
                           long sequence) {

    TopUpReceipt asFirst(long currentSequence) {
        return withSequence(false, currentSequence);
    }

    TopUpReceipt asRepeat(long currentSequence) {
        return withSequence(true, currentSequence);
    }

    private TopUpReceipt withSequence(boolean repeat, long currentSequence) {
        return new TopUpReceipt(paymentId, amount, paidAt, emergencyCreditRepaid, debtRecovered, balanceAfter,
                debtAfter, at, repeat, currentSequence);
    }
}
