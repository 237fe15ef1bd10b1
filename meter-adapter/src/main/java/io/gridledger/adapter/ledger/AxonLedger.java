package io.gridledger.adapter.ledger;

import io.gridledger.ledger.account.ConfirmSupplyState;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.RecordMeterEvents;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.ledger.value.MeterId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** The ledger in the same process: commands on the command bus, waited for. */
@Component
@Profile("!head-end")
public class AxonLedger implements LedgerPort {

    private final CommandGateway commands;

    public AxonLedger(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public void deliverReadings(String meterId, List<RegisterReading> readings, Instant receivedAt) {
        send(new RecordMeterReadings(new MeterId(meterId), readings, receivedAt));
    }

    @Override
    public void recordEvents(String meterId, List<MeterEvent> events, Instant receivedAt) {
        send(new RecordMeterEvents(new MeterId(meterId), events, receivedAt));
    }

    @Override
    public void confirmSupplyState(String meterId, SupplyState state, Instant at, Instant receivedAt) {
        send(new ConfirmSupplyState(new MeterId(meterId), state, at, receivedAt));
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException | IllegalArgumentException e) {
            // unknown meter, or data the ledger refuses (InvalidAccountCommandException among them)
            throw new LedgerRefusedException(e.getMessage(), e);
        }
    }
}
