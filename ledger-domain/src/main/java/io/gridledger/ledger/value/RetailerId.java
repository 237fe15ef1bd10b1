package io.gridledger.ledger.value;

/**
 * Identifier of the retailer an account or tariff belongs to; retailers never see each other's data.
 * Events written before accounts and tariffs named their retailer belong to {@link #DEFAULT}.
 */
public record RetailerId(String value) {

    public static final RetailerId DEFAULT = new RetailerId("gridledger-retailer");

    public RetailerId {
        Identifiers.check(value, "retailerId");
    }

    @Override
    public String toString() {
        return value;
    }
}
