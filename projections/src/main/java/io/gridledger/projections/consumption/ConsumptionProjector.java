package io.gridledger.projections.consumption;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.projections.ProcessingGroups;
import io.gridledger.projections.batching.UnitOfWorkRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Writes one {@code interval_consumption} row per accepted non-baseline reading. */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_VIEWS)
public class ConsumptionProjector {

    private final JdbcTemplate jdbc;

    public ConsumptionProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String meterId, Instant start, Instant end, long importWh, long exportWh, BigDecimal charged,
                       int tariffVersion) {
    }

    @EventHandler
    void on(MeterReadingsRecorded e) {
        for (AcceptedInterval interval : e.intervals()) {
            if (interval.isBaseline()) {
                continue;
            }
            BigDecimal charged = BigDecimal.ZERO;
            for (ImportCharge c : interval.charges()) {
                charged = charged.add(c.amount().amount());
            }
            UnitOfWorkRows.add("interval_consumption", new Row(e.meterId().value(), interval.previousAt(),
                    interval.reading().at(), interval.importWh(), interval.exportWh(), charged,
                    interval.tariffVersion()), this::write);
        }
    }

    private void write(List<Row> rows) {
        jdbc.batchUpdate("""
                INSERT INTO interval_consumption (meter_id, interval_start, interval_end, import_wh, export_wh, charged,
                    tariff_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter_id, interval_end) DO NOTHING""", rows, rows.size(), (ps, r) -> {
            ps.setString(1, r.meterId());
            ps.setTimestamp(2, Timestamp.from(r.start()));
            ps.setTimestamp(3, Timestamp.from(r.end()));
            ps.setLong(4, r.importWh());
            ps.setLong(5, r.exportWh());
            ps.setBigDecimal(6, r.charged());
            ps.setInt(7, r.tariffVersion());
        });
    }
}
