package io.gridledger.ledger.value;

/** Identifier of a tariff; its string form is the bare value (Axon stores identifiers as strings). */
public record TariffId(String value) {

    public TariffId {
        Identifiers.check(value, "tariffId");
    }

    @Override
    public String toString() {
        return value;
    }
}
