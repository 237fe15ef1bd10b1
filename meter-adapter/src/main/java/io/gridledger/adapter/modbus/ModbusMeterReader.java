package io.gridledger.adapter.modbus;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import io.gridledger.ledger.account.RegisterReading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one meter over Modbus TCP (j2mod): one request per register table covering every point of
 * the map, decoded into a reading. Energy is rounded half-even to whole Wh after scaling.
 */
public final class ModbusMeterReader {

    private ModbusMeterReader() {
    }

    public static RegisterReading read(String host, int port, int unitId, RegisterMap map, Duration timeout,
                                       Instant at) throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(host, port, Math.toIntExact(timeout.toMillis()), false);
        try {
            master.connect();
            Map<RegisterPoint.Table, int[]> words = new HashMap<>();
            Map<RegisterPoint.Table, Integer> starts = new HashMap<>();
            for (RegisterPoint.Table table : RegisterPoint.Table.values()) {
                int[] span = map.span(table);
                if (span[1] == 0) {
                    continue;
                }
                InputRegister[] registers = table == RegisterPoint.Table.INPUT
                        ? master.readInputRegisters(unitId, span[0], span[1])
                        : master.readMultipleRegisters(unitId, span[0], span[1]);
                int[] values = new int[registers.length];
                for (int i = 0; i < registers.length; i++) {
                    values[i] = registers[i].toUnsignedShort();
                }
                words.put(table, values);
                starts.put(table, span[0]);
            }
            return toReading(map, words, starts, at);
        } finally {
            master.disconnect();
        }
    }

    /**
     * Switches a contactor coil (function 05) and reads it back (function 01): the state the coil
     * is in afterwards, true = ON.
     */
    public static boolean switchCoil(String host, int port, int unitId, int coil, boolean on, Duration timeout)
            throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(host, port, Math.toIntExact(timeout.toMillis()), false);
        try {
            master.connect();
            master.writeCoil(unitId, coil, on);
            return master.readCoils(unitId, coil, 1).getBit(0);
        } finally {
            master.disconnect();
        }
    }

    /** The reading the decoded registers describe. */
    static RegisterReading toReading(RegisterMap map, Map<RegisterPoint.Table, int[]> words,
                                     Map<RegisterPoint.Table, Integer> starts, Instant at) {
        Map<String, BigDecimal> values = new HashMap<>();
        for (RegisterPoint p : map.points()) {
            BigDecimal raw = RegisterDecoder.decode(words.get(p.table()), p.address() - starts.get(p.table()), p.type(),
                    p.wordOrder());
            values.put(p.field(), raw.multiply(p.scale()));
        }
        return new RegisterReading(at, wh(values.get("activeImportWh")), optionalWh(values.get("activeExportWh")),
                optionalWh(values.get("reactiveQ1Varh")), optionalWh(values.get("reactiveQ2Varh")),
                optionalWh(values.get("reactiveQ3Varh")), optionalWh(values.get("reactiveQ4Varh")),
                values.get("voltageV"), values.get("currentA"), values.get("powerW"));
    }

    private static long wh(BigDecimal v) {
        return v.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static Long optionalWh(BigDecimal v) {
        return v == null ? null : wh(v);
    }
}
