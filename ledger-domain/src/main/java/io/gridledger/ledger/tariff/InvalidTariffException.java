package io.gridledger.ledger.tariff;

/** A tariff definition that cannot be used; {@link #field()} names the offending JSON path. */
public class InvalidTariffException extends IllegalArgumentException {

    private final String field;

    public InvalidTariffException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
