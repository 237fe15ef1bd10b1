package io.gridledger.ledger.value;

/** Identifier of a payment; its string form is the bare value (Axon stores identifiers as strings). */
public record PaymentId(String value) {

    public PaymentId {
        Identifiers.check(value, "paymentId");
    }

    @Override
    public String toString() {
        return value;
    }
}
