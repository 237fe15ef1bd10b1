package io.gridledger.ledger.value;

/** Identifier of a market order, chosen by the participant's app (so a retried submission is the same order). */
public record OrderId(String value) {

    public OrderId {
        Identifiers.check(value, "orderId");
    }

    @Override
    public String toString() {
        return value;
    }
}
