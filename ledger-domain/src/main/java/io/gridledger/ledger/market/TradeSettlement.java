package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.util.Objects;

/**
 * One trade settled on what the meters measured. The buyer pays {@code amounts.buyerPays()} for the
 * delivered Wh and gets back {@code buyerTariffRefund}, what its tariff had charged for them; the
 * seller receives {@code amounts.sellerReceives()} and gives back {@code sellerExportReversal} (their
 * export credit) and {@code sellerBankWithdrawnWh} (their net-metering deposit), so delivered energy
 * is paid once, at the clearing price. {@code sellerShortWh}, sold and taken in by the buyer but not
 * exported, costs the seller {@code imbalanceCharge}. {@code readingsMissing}: a side's readings had
 * not arrived by the deadline, so nothing was delivered.
 */
public record TradeSettlement(String tradeId, MeterId buyer, MeterId seller, long matchedWh, long deliveredWh,
                              long sellerShortWh, TradeAmounts amounts, Money buyerTariffRefund,
                              Money sellerExportReversal, long sellerBankWithdrawnWh, Money imbalanceCharge,
                              boolean readingsMissing) {

    public TradeSettlement {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(amounts, "amounts");
        if (deliveredWh < 0 || deliveredWh > matchedWh || sellerShortWh < 0 || deliveredWh + sellerShortWh > matchedWh) {
            throw new IllegalArgumentException("delivered and short energy must fit in the matched " + matchedWh + " Wh");
        }
    }

    public long undeliveredWh() {
        return matchedWh - deliveredWh;
    }
}
