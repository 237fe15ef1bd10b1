package io.gridledger.adapter.modbus;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.inbox.AdapterInbox;
import io.gridledger.adapter.inbox.InboxForwarder;
import io.gridledger.adapter.inbox.InboxKind;
import io.gridledger.adapter.inbox.Payloads;
import io.gridledger.adapter.relay.RelayCommandMessage;
import io.gridledger.adapter.relay.RelaySender;
import io.gridledger.ledger.account.RelayCommand;
import io.gridledger.ledger.account.SupplyState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
    private final AdapterInbox inbox;
    private final InboxForwarder forwarder;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration timeout;

    public ModbusRelay(ModbusMeters meters, MeterDevices devices, AdapterInbox inbox, InboxForwarder forwarder,
                       TransactionTemplate transactions, Clock clock,
                       @Value("${gridledger.adapter.modbus.timeout:2s}") Duration timeout) {
        this.meters = meters;
        this.devices = devices;
        this.inbox = inbox;
        this.forwarder = forwarder;
        this.transactions = transactions;
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
            Instant now = clock.instant();
            byte[] report = Payloads.write(Map.of("state", on ? SupplyState.CONNECTED : SupplyState.DISCONNECTED,
                    "at", now.toString(), "requestId", message.requestId()));
            transactions.executeWithoutResult(tx -> {
                inbox.store(meterId, InboxKind.SUPPLY_STATE, report, now);
                devices.seen(meterId, Protocol.MODBUS, now);
            });
            forwarder.nudge();
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            devices.communicationError(meterId, Protocol.MODBUS, String.valueOf(e.getMessage()), clock.instant());
            return CompletableFuture.failedFuture(e);
        }
    }
}
