package io.gridledger.ledger.value;

/** Identifier of a customer; its string form is the bare value (Axon stores identifiers as strings). */
public record CustomerId(String value) {

    public CustomerId {
        Identifiers.check(value, "customerId");
    }

    @Override
    public String toString() {
        return value;
    }
}
