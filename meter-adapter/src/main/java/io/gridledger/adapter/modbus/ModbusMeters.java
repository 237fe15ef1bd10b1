package io.gridledger.adapter.modbus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The meters polled over Modbus TCP ({@code modbus_meter}) and their schedule. */
@Component
public class ModbusMeters {

    /** How to reach and read a meter, and how often. */
    /** {@code relayCoil}: the coil of the supply contactor (ON = connected), or null when there is none. */
    public record ModbusMeter(String meterId, String host, int port, int unitId, String model, Duration pollInterval,
                              int consecutiveFailures, Integer relayCoil) {
    }

    private final JdbcTemplate jdbc;

    public ModbusMeters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers or changes a meter; its first poll is due at once. The model must have a register map. */
    public boolean register(ModbusMeter meter, Instant now) {
        RegisterMap.of(meter.model());
        int inserted = jdbc.queryForObject("""
                INSERT INTO modbus_meter (meter_id, host, port, unit_id, model, poll_interval_seconds, next_poll_at,
                    relay_coil)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter_id) DO UPDATE SET host = excluded.host, port = excluded.port,
                    unit_id = excluded.unit_id, model = excluded.model,
                    poll_interval_seconds = excluded.poll_interval_seconds, next_poll_at = excluded.next_poll_at,
                    relay_coil = excluded.relay_coil
                RETURNING (xmax = 0)::int""", Integer.class, meter.meterId(), meter.host(), meter.port(),
                meter.unitId(), meter.model(), Math.toIntExact(meter.pollInterval().toSeconds()), Timestamp.from(now),
                meter.relayCoil());
        return inserted == 1;
    }

    public Optional<ModbusMeter> find(String meterId) {
        return jdbc.query("SELECT * FROM modbus_meter WHERE meter_id = ?", (rs, n) -> meter(rs), meterId).stream()
                .findFirst();
    }

    List<ModbusMeter> due(Instant now, int limit) {
        return jdbc.query("SELECT * FROM modbus_meter WHERE next_poll_at <= ? ORDER BY next_poll_at LIMIT ?",
                (rs, n) -> meter(rs), Timestamp.from(now), limit);
    }

    void scheduleNext(String meterId, Instant next, int consecutiveFailures) {
        jdbc.update("UPDATE modbus_meter SET next_poll_at = ?, consecutive_failures = ? WHERE meter_id = ?",
                Timestamp.from(next), consecutiveFailures, meterId);
    }

    private static ModbusMeter meter(java.sql.ResultSet rs) throws java.sql.SQLException {
        int coil = rs.getInt("relay_coil");
        return new ModbusMeter(rs.getString("meter_id"), rs.getString("host"), rs.getInt("port"), rs.getInt("unit_id"),
                rs.getString("model"), Duration.ofSeconds(rs.getInt("poll_interval_seconds")),
                rs.getInt("consecutive_failures"), rs.wasNull() ? null : coil);
    }
}
