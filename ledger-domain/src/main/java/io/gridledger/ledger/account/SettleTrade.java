package io.gridledger.ledger.account;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Books one side of a settled peer-to-peer trade on the account: {@code matchedWh} were traded,
 * {@code deliveredWh} of them delivered, worth {@code tradeValue} at the clearing price. A buyer pays {@code tradeAmount}
 * (value + grid fee) and gets back {@code tariffReversal}, what the import tariff had charged for the
 * delivered Wh; a seller receives {@code tradeAmount} (value − platform fee), gives back
 * {@code tariffReversal} (the export credit of the delivered Wh) and {@code bankWithdrawnWh} (their
 * net-metering deposit), and pays {@code imbalanceCharge}. The same trade and role again changes nothing.
 */
public record SettleTrade(@TargetAggregateIdentifier MeterId meterId, String tradeId, TradeRole role,
                          Instant intervalStart, Instant intervalEnd, long matchedWh, long deliveredWh,
                          Money tradeValue, Money tradeAmount,
                          Money tariffReversal, long bankWithdrawnWh, Money imbalanceCharge, Instant at) {

    public SettleTrade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(role, "role");
        if (deliveredWh < 0 || deliveredWh > matchedWh || bankWithdrawnWh < 0 || bankWithdrawnWh > deliveredWh) {
            throw new IllegalArgumentException("delivered and withdrawn energy of trade " + tradeId + " are inconsistent");
        }
        if (tradeValue.isNegative() || tradeAmount.isNegative() || tariffReversal.isNegative() || imbalanceCharge.isNegative()) {
            throw new IllegalArgumentException("trade amounts of " + tradeId + " are not negative");
        }
    }
}
