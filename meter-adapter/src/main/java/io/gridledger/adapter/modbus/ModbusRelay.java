package io.gridledger.adapter.modbus;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.PolledDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.relay.RelayCommandMessage;
import io.gridledger.adapter.relay.RelaySender;
import io.gridledger.ledger.account.RelayCommand;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Relay commands for Modbus meters that have a supply contactor on a coil (registered with
 * {@code relayCoil}): the coil is switched (ON = connected) and read back, and the read-back state
 * is stored as the meter's supply confirmation. Meters without a coil are not switched this way.
 */
@Component
public class ModbusRelay implements RelaySender {

    private final ModbusMeters meters;
    private final MeterDevices devices;
    private final PolledDevices polled;
    private final Clock clock;
    private final Duration timeout;

    public ModbusRelay(ModbusMeters meters, MeterDevices devices, PolledDevices polled, Clock clock,
                       @Value("${gridledger.adapter.modbus.timeout:2s}") Duration timeout) {
        this.meters = meters;
        this.devices = devices;
        this.polled = polled;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public Protocol protocol() {
        return Protocol.MODBUS;
    }

    @Override
    public boolean reaches(String meterId) {
        return meters.find(meterId).map(m -> m.relayCoil() != null).orElse(false);
    }

    @Override
    public CompletableFuture<Void> send(String meterId, byte[] command) {
        RelayCommandMessage message = Payloads.read(command, RelayCommandMessage.class);
        ModbusMeters.ModbusMeter meter = meters.find(meterId).filter(m -> m.relayCoil() != null).orElseThrow(
                () -> new IllegalStateException("meter " + meterId + " has no relay coil registered"));
        try {
            boolean on = ModbusMeterReader.switchCoil(meter.host(), meter.port(), meter.unitId(), meter.relayCoil(),
                    message.command() == RelayCommand.RECONNECT, timeout);
            polled.relayState(meterId, Protocol.MODBUS, on, message.requestId(), clock.instant());
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            devices.communicationError(meterId, Protocol.MODBUS, String.valueOf(e.getMessage()), clock.instant());
            return CompletableFuture.failedFuture(e);
        }
    }
}
