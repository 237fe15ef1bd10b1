package io.gridledger.projections.consumption;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.ReactiveEnergy;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.projections.ProcessingGroups;
import io.gridledger.projections.batching.UnitOfWorkRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import org.axonframework.eventhandling.ResetHandler;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Writes one {@code interval_consumption} row (energy, charge, reactive quadrants) per accepted non-baseline reading. Meter ids contain no commas (see MeterId). */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_VIEWS)
public class ConsumptionProjector {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ConsumptionProjector(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    private record Row(String meterId, Instant start, Instant end, long importWh, long exportWh, BigDecimal charged,
                       int tariffVersion, ReactiveEnergy reactive, BigDecimal exportCredit, long bankDepositWh) {
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
                    interval.tariffVersion(), interval.reactive(),
                    interval.exportCredit() == null ? BigDecimal.ZERO : interval.exportCredit().amount(),
                    interval.bankDepositWh()), this::write);
        }
    }

    /**
     * COPY into a session staging table, then insert what is new, all within the batch's
     * transaction (the token commits with the rows). Streaming processors deliver at least once
     * (after a gap fills Axon may hand over an event again), so a row already there is skipped
     * rather than failing the batch over and over.
     */
    private void write(List<Row> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 96);
        for (Row r : rows) {
            csv.append(r.meterId()).append(',').append(r.start()).append(',').append(r.end()).append(',')
                    .append(r.importWh()).append(',').append(r.exportWh()).append(',')
                    .append(r.charged().toPlainString()).append(',').append(r.tariffVersion());
            ReactiveEnergy q = r.reactive();
            if (q == null) {
                csv.append(",,,,");
            } else {
                csv.append(',').append(q.q1Varh()).append(',').append(q.q2Varh()).append(',').append(q.q3Varh())
                        .append(',').append(q.q4Varh());
            }
            csv.append(',').append(r.exportCredit().toPlainString()).append(',').append(r.bankDepositWh()).append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE IF NOT EXISTS interval_consumption_staging "
                        + "(LIKE interval_consumption) ON COMMIT DELETE ROWS");
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY interval_consumption_staging (meter_id, interval_start, interval_end, import_wh, export_wh, "
                            + "charged, tariff_version, reactive_q1_varh, reactive_q2_varh, reactive_q3_varh, "
                            + "reactive_q4_varh, export_credit, bank_deposit_wh) FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO interval_consumption SELECT * FROM interval_consumption_staging "
                        + "ON CONFLICT DO NOTHING");
                statement.execute("TRUNCATE interval_consumption_staging");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("writing " + rows.size() + " interval rows failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE interval_consumption");
    }
}
