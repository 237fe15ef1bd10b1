package io.gridledger.adapter.simulation;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.gridledger.adapter.modbus.RegisterMap;
import io.gridledger.adapter.modbus.RegisterPoint;
import io.gridledger.adapter.modbus.RegisterType;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;

/**
 * An Eastron SDM630 (or SDM120) behind a Modbus TCP gateway (a j2mod slave on localhost): input
 * registers laid out by the model's register map, float32 high word first, updated as the
 * simulated household draws energy, and a supply contactor on coil 0.
 */
public final class ModbusMeterSimulator implements AutoCloseable {

    private final RegisterMap map;
    private final SimpleProcessImage image;
    private final ModbusSlave slave;
    private final int port;

    public ModbusMeterSimulator(String model, int unitId) throws ModbusException, IOException {
        this.map = RegisterMap.of(model);
        this.port = LocalPorts.free();
        this.image = new SimpleProcessImage(unitId);
        int[] span = map.span(RegisterPoint.Table.INPUT);
        for (int i = 0; i < span[0] + span[1]; i++) {
            image.addInputRegister(new SimpleInputRegister(0));
        }
        image.addDigitalOut(new SimpleDigitalOut(true));     // coil 0: the supply contactor, ON = connected
        this.slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(unitId, image);
        slave.open();
        set("voltageV", new BigDecimal("230.1"));
    }

    public int port() {
        return port;
    }

    /** Whether the contactor on coil 0 is closed (supply connected). */
    public boolean contactorClosed() {
        return image.getDigitalOut(0).isSet();
    }

    /** Sets the registers of {@code field} (in the field's unit: Wh, V, A, W) as the meter would show them. */
    public synchronized void set(String field, BigDecimal value) {
        for (RegisterPoint p : map.points()) {
            if (p.field().equals(field) && p.type() == RegisterType.FLOAT32) {
                int bits = Float.floatToIntBits(value.divide(p.scale()).floatValue());
                image.setInputRegister(p.address(), new SimpleInputRegister((bits >>> 16) & 0xFFFF));
                image.setInputRegister(p.address() + 1, new SimpleInputRegister(bits & 0xFFFF));
            }
        }
    }


    @Override
    public void close() {
        slave.close();
    }
}
