package io.gridledger.adapter.modbus;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One value of a meter's register map: the reading field it feeds, where it is ({@code table},
 * zero-based {@code address}), how it is encoded, its unit, and the factor that turns it into the
 * field's unit (kWh × 1000 = Wh).
 */
public record RegisterPoint(String field, Table table, int address, RegisterType type, WordOrder wordOrder,
                            String unit, BigDecimal scale) {

    public enum Table { INPUT, HOLDING }

    public RegisterPoint {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(type, "type");
        wordOrder = wordOrder == null ? WordOrder.HIGH_FIRST : wordOrder;
        scale = scale == null ? BigDecimal.ONE : scale;
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("register address out of range: " + address);
        }
    }
}
