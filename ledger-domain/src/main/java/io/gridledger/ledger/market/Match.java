package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;

/** Energy a bid and an offer were matched for at an interval's clearing; both trade at the clearing price. */
public record Match(OrderId buyOrder, MeterId buyer, OrderId sellOrder, MeterId seller, long energyWh) {

    public Match {
        if (energyWh <= 0) {
            throw new IllegalArgumentException("a match carries energy");
        }
    }
}
