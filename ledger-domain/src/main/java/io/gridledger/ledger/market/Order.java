package io.gridledger.ledger.market;

import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.OrderId;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order for one delivery interval: {@code energyWh} to buy at most at, or to sell at least at,
 * {@code limitPricePerKwh} (in the community's currency, at most 4 decimals). {@code sequence} is the
 * order's place in the book (earlier submitted, lower): it breaks ties between equal prices.
 */
public record Order(OrderId id, MeterId meterId, Side side, long energyWh, BigDecimal limitPricePerKwh,
                    long sequence) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(limitPricePerKwh, "limitPricePerKwh");
        if (energyWh <= 0) {
            throw new IllegalArgumentException("energyWh must be positive");
        }
        if (!PricePerKwh.isValid(limitPricePerKwh)) {
            throw new IllegalArgumentException("limitPricePerKwh must be 0…1000 with at most 4 decimals");
        }
    }

    public static Order buy(String id, String meterId, long energyWh, String maxPricePerKwh, long sequence) {
        return new Order(new OrderId(id), new MeterId(meterId), Side.BUY, energyWh, new BigDecimal(maxPricePerKwh),
                sequence);
    }

    public static Order sell(String id, String meterId, long energyWh, String minPricePerKwh, long sequence) {
        return new Order(new OrderId(id), new MeterId(meterId), Side.SELL, energyWh, new BigDecimal(minPricePerKwh),
                sequence);
    }
}
