package io.gridledger.ledger.account;

import io.gridledger.ledger.value.PaymentId;

/** A payment id that was already used for this meter with a different amount or time. */
public class PaymentConflictException extends RuntimeException {

    public PaymentConflictException(PaymentId paymentId) {
        super("payment '" + paymentId + "' was already credited to this meter with a different amount or paidAt");
    }
}
