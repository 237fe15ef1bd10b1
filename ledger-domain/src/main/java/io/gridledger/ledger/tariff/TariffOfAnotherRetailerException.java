package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.TariffId;

/** A retailer tried to add a version to a tariff another retailer owns. */
public class TariffOfAnotherRetailerException extends RuntimeException {

    public TariffOfAnotherRetailerException(TariffId tariffId) {
        super("tariff '" + tariffId + "' belongs to another retailer");
    }
}
