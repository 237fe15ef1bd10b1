package io.gridledger.api.device;

import io.gridledger.adapter.device.MeterDevices;
import io.gridledger.adapter.device.Protocol;
import io.gridledger.adapter.modbus.ModbusMeters;
import io.gridledger.adapter.modbus.RegisterMap;
import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.projections.balance.BalanceQueries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The head-end's view of a meter: how it is reached (Modbus polling registration) and its
 * communication status (online, last seen, clock drift, communication errors).
 */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController {

    /** A Modbus meter behind a TCP gateway. */
    public record ModbusRegistration(String host, Integer port, Integer unitId, String model, String pollInterval) {
    }

    /** Status as operators see it; {@code modbus} is present for polled meters. */
    public record DeviceStatus(String meterId, Protocol protocol, boolean online, Instant lastSeenAt, Long clockDriftMs,
                               long communicationErrors, String lastError, ModbusRegistration modbus) {
    }

    private static final Duration MIN_POLL = Duration.ofSeconds(1);

    private final ModbusMeters modbus;
    private final MeterDevices devices;
    private final BalanceQueries balances;
    private final Clock clock;
    private final Duration offlineAfter;

    public DeviceController(ModbusMeters modbus, MeterDevices devices, BalanceQueries balances, Clock clock,
                            @Value("${gridledger.adapter.offline-after:2h}") Duration offlineAfter) {
        this.modbus = modbus;
        this.devices = devices;
        this.balances = balances;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    @PutMapping("/{meterId}/modbus")
    public ResponseEntity<DeviceStatus> registerModbus(@PathVariable String meterId,
                                                       @RequestBody ModbusRegistration body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        String host = Fields.required(body.host(), "host");
        int port = Fields.required(body.port(), "port");
        if (port < 1 || port > 65535) {
            throw new InvalidRequestException("port", "a TCP port is 1…65535");
        }
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
        Duration interval;
        try {
            interval = body.pollInterval() == null ? Duration.ofMinutes(15) : Duration.parse(body.pollInterval());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("pollInterval", "an ISO-8601 duration such as PT15M");
        }
        if (interval.compareTo(MIN_POLL) < 0 || interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidRequestException("pollInterval", "between PT1S and P1D");
        }
        boolean created = modbus.register(new ModbusMeters.ModbusMeter(id.value(), host, port, unitId,
                model.toUpperCase(java.util.Locale.ROOT), interval, 0), clock.instant());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(status(id.value()));
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
        Duration offline = polled.map(m -> m.pollInterval().multipliedBy(3).plusMinutes(1)).orElse(offlineAfter);
        ModbusRegistration registration = polled.map(m -> new ModbusRegistration(m.host(), m.port(), m.unitId(),
                m.model(), m.pollInterval().toString())).orElse(null);
        return devices.status(meterId, clock.instant(), offline)
                .map(s -> new DeviceStatus(meterId, s.protocol(),
                        s.online() && polled.map(m -> m.consecutiveFailures() < 3).orElse(true), s.lastSeenAt(),
                        s.clockDriftMs(),
                        s.communicationErrors(), s.lastError(), registration))
                .orElse(polled.isPresent() ? new DeviceStatus(meterId, Protocol.MODBUS, false, null, null, 0, null,
                        registration) : null);
    }

    private MeterId existing(String meterId) {
        MeterId id = Fields.value(meterId, "meterId", MeterId::new);
        balances.findBalance(meterId).orElseThrow(() -> new NotFoundException("meterId",
                "no meter account '" + meterId + "'; open it with POST /api/v1/meters"));
        return id;
    }
}
