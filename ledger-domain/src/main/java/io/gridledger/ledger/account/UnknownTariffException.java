package io.gridledger.ledger.account;

import io.gridledger.ledger.value.TariffId;

/** The account refers to a tariff that has never been defined. */
public class UnknownTariffException extends RuntimeException {

    public UnknownTariffException(TariffId tariffId) {
        super("tariff '" + tariffId + "' is not defined; PUT /api/v1/tariffs/" + tariffId + " first");
    }
}
