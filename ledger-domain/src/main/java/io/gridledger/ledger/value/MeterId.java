package io.gridledger.ledger.value;

/** Identifier of a meter; its string form is the bare value (Axon stores identifiers as strings). */
public record MeterId(String value) {

    public MeterId {
        Identifiers.check(value, "meterId");
    }

    @Override
    public String toString() {
        return value;
    }
}
