package io.gridledger.api.device;

import io.gridledger.api.audit.Audited;
import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.MissedReads;
import io.gridledger.adapter.dlms.DlmsMeters;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.modbus.ModbusMeters;
import io.gridledger.adapter.modbus.RegisterMap;
import io.gridledger.adapter.p1.P1TcpSources;
import io.gridledger.api.history.AccountHistory;
import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.ledger.account.MeterClockTolerance;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.MeterEventType;
import io.gridledger.ledger.account.MeterEventsRecorded;
import io.gridledger.ledger.account.RecordMeterEvents;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.projections.balance.BalanceQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The head-end's view of a meter: how it is reached (Modbus or DLMS/COSEM registration) and its
 * communication status (online, last seen, clock drift, communication errors).
 */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController {

    /** A Modbus meter behind a TCP gateway. */
    public record ModbusRegistration(String host, Integer port, Integer unitId, String model, String pollInterval,
                                     Integer relayCoil) {
    }

    /** A DLMS/COSEM meter reached over TCP (wrapper); its keys are derived from the device master key. */
    public record DlmsRegistration(String host, Integer port, String pollInterval) {
    }

    /** Status as operators see it; {@code modbus} or {@code dlms} is present for meters the head-end reads. */
    public record DeviceStatus(String meterId, Protocol protocol, boolean online, Instant lastSeenAt, Long clockDriftMs,
                               long communicationErrors, String lastError, ModbusRegistration modbus,
                               DlmsRegistration dlms) {
    }

    /** One tamper or power-quality event as the meter logged it, and when the ledger received it. */
    public record MeterEventView(MeterEventType type, boolean tamper, Instant at, String detail, Instant receivedAt) {
    }

    public record MeterEvents(String meterId, List<MeterEventView> events) {
    }

    private static final Duration MIN_POLL = Duration.ofSeconds(1);

    private final ModbusMeters modbus;
    private final DlmsMeters dlms;
    private final P1TcpSources p1;
    private final MeterDevices devices;
    private final BalanceQueries balances;
    private final AccountHistory history;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration offlineAfter;

    private final MeterClockTolerance clockTolerance;

    public DeviceController(ModbusMeters modbus, DlmsMeters dlms, P1TcpSources p1, MeterDevices devices, BalanceQueries balances,
                            AccountHistory history, CommandGateway commands, Clock clock,
                            @Value("${gridledger.adapter.offline-after:2h}") Duration offlineAfter,
                            MeterClockTolerance clockTolerance) {
        this.clockTolerance = clockTolerance;
        this.modbus = modbus;
        this.dlms = dlms;
        this.p1 = p1;
        this.devices = devices;
        this.balances = balances;
        this.history = history;
        this.commands = commands;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    @PutMapping("/{meterId}/modbus")
    @Audited("DEVICE_REGISTRATION")
    public ResponseEntity<DeviceStatus> registerModbus(@PathVariable String meterId,
                                                       @RequestBody ModbusRegistration body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        String host = Fields.host(body.host(), "host");
        int port = port(body.port());
        int unitId = body.unitId() == null ? 1 : body.unitId();
        if (unitId < 0 || unitId > 247) {
            throw new InvalidRequestException("unitId", "a Modbus unit id is 0…247");
        }
        String model = Fields.required(body.model(), "model");
        try {
            RegisterMap.of(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("model", e.getMessage());
        }
        Duration interval = interval(body.pollInterval());
        if (body.relayCoil() != null && (body.relayCoil() < 0 || body.relayCoil() > 0xFFFF)) {
            throw new InvalidRequestException("relayCoil", "a coil address is 0…65535");
        }
        boolean created = modbus.register(new ModbusMeters.ModbusMeter(id.value(), host, port, unitId,
                model.toUpperCase(java.util.Locale.ROOT), interval, 0, body.relayCoil()), clock.instant());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(status(id.value()));
    }

    @PutMapping("/{meterId}/dlms")
    @Audited("DEVICE_REGISTRATION")
    public ResponseEntity<DeviceStatus> registerDlms(@PathVariable String meterId, @RequestBody DlmsRegistration body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        String host = Fields.host(body.host(), "host");
        int port = port(body.port() == null ? 4059 : body.port());
        Duration interval = interval(body.pollInterval());
        boolean created = dlms.register(new DlmsMeters.DlmsMeter(id.value(), host, port, interval, 0, null), clock.instant());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(status(id.value()));
    }

    /** Tamper and power-quality events from a head-end running as its own process. */
    public record MeterEventsReport(List<EventReport> events) {
    }

    /** One event as a head-end reports it: type name, ISO-8601 instant, optional detail. */
    public record EventReport(String type, String at, String detail) {
    }

    @PostMapping("/{meterId}/events")
    public ResponseEntity<Void> recordEvents(@PathVariable String meterId, @RequestBody MeterEventsReport body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        List<EventReport> reported = Fields.required(body.events(), "events");
        Instant latest = clock.instant().plus(clockTolerance.maxAhead());
        if (reported.isEmpty() || reported.size() > 1_000) {
            throw new InvalidRequestException("events", "a report holds 1 to 1000 events, not " + reported.size());
        }
        List<MeterEvent> events = new ArrayList<>(reported.size());
        for (int i = 0; i < reported.size(); i++) {
            String field = "events[" + i + "]";
            EventReport event = Fields.required(reported.get(i), field);
            MeterEventType type = Fields.choice(event.type(), MeterEventType.class, field + ".type");
            Instant at = Fields.instant(event.at(), field + ".at");
            if (at.isAfter(latest)) {
                throw new InvalidRequestException(field + ".at",
                        "an event cannot be more than " + clockTolerance.maxAhead() + " ahead of the ledger's clock; "
                                + "check the meter's clock");
            }
            events.add(new MeterEvent(type, at, Fields.text(event.detail(), field + ".detail", 200)));
        }
        try {
            commands.sendAndWait(new RecordMeterEvents(id, events, clock.instant()));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new InvalidRequestException("events", e.getMessage());
        }
        return ResponseEntity.accepted().build();
    }

    /**
     * The meter's tamper and power-quality events, oldest first, from the event store ({@code tamper=true}
     * for tampering only): evidence for theft and quality analysis.
     */
    @GetMapping("/{meterId}/events")
    public MeterEvents events(@PathVariable String meterId,
                              @RequestParam(name = "tamper", required = false) Boolean tamperOnly) {
        existing(meterId);
        List<MeterEventView> out = new ArrayList<>();
        for (var message : history.eventsOf(meterId, null)) {
            if (message.getPayload() instanceof MeterEventsRecorded recorded) {
                for (MeterEvent e : recorded.events()) {
                    if (tamperOnly == null || !tamperOnly || e.type().tamper()) {
                        out.add(new MeterEventView(e.type(), e.type().tamper(), e.at(), e.detail(),
                                recorded.receivedAt()));
                    }
                }
            }
        }
        return new MeterEvents(meterId, out);
    }

    /** A P1 port reached over TCP through a dongle that streams its telegrams. */
    public record P1Registration(String host, Integer port) {
    }

    @PutMapping("/{meterId}/p1")
    @Audited("DEVICE_REGISTRATION")
    public ResponseEntity<P1Registration> registerP1(@PathVariable String meterId, @RequestBody P1Registration body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        String host = Fields.host(body.host(), "host");
        int port = port(body.port());
        boolean created = p1.register(id.value(), host, port);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(new P1Registration(host, port));
    }

    private static int port(Integer port) {
        int p = Fields.required(port, "port");
        if (p < 1 || p > 65535) {
            throw new InvalidRequestException("port", "a TCP port is 1…65535");
        }
        return p;
    }

    private static Duration interval(String raw) {
        Duration interval;
        try {
            interval = raw == null ? Duration.ofMinutes(15) : Duration.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("pollInterval", "an ISO-8601 duration such as PT15M");
        }
        if (interval.compareTo(MIN_POLL) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidRequestException("pollInterval", "between PT1S and P1D");
        }
        return interval;
    }

    @GetMapping("/{meterId}")
    public DeviceStatus device(@PathVariable String meterId) {
        existing(meterId);
        DeviceStatus status = status(meterId);
        if (status == null) {
            throw new NotFoundException("meterId", "meter '" + meterId + "' has not reached the head-end yet");
        }
        return status;
    }

    private DeviceStatus status(String meterId) {
        Optional<ModbusMeters.ModbusMeter> polled = modbus.find(meterId);
        Optional<DlmsMeters.DlmsMeter> read = dlms.find(meterId);
        Duration offline = polled.map(m -> m.pollInterval().multipliedBy(3).plusMinutes(1))
                .or(() -> read.map(m -> m.pollInterval().multipliedBy(3).plusMinutes(1))).orElse(offlineAfter);
        int missed = polled.map(ModbusMeters.ModbusMeter::consecutiveFailures)
                .or(() -> read.map(DlmsMeters.DlmsMeter::consecutiveFailures)).orElse(0);
        ModbusRegistration modbusRegistration = polled.map(m -> new ModbusRegistration(m.host(), m.port(), m.unitId(),
                m.model(), m.pollInterval().toString(), m.relayCoil())).orElse(null);
        DlmsRegistration dlmsRegistration = read.map(m -> new DlmsRegistration(m.host(), m.port(),
                m.pollInterval().toString())).orElse(null);
        Protocol registered = polled.isPresent() ? Protocol.MODBUS : read.isPresent() ? Protocol.DLMS : null;
        return devices.status(meterId, clock.instant(), offline)
                .map(s -> new DeviceStatus(meterId, s.protocol(), s.online() && missed < MissedReads.OFFLINE_AFTER, s.lastSeenAt(),
                        s.clockDriftMs(), s.communicationErrors(), s.lastError(), modbusRegistration, dlmsRegistration))
                .orElse(registered == null ? null : new DeviceStatus(meterId, registered, false, null, null, 0, null,
                        modbusRegistration, dlmsRegistration));
    }

    private MeterId existing(String meterId) {
        MeterId id = Fields.value(meterId, "meterId", MeterId::new);
        balances.findBalance(meterId).orElseThrow(() -> new NotFoundException("meterId",
                "no meter account '" + meterId + "'; open it with POST /api/v1/meters"));
        return id;
    }
}
