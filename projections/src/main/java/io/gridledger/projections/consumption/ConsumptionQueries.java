package io.gridledger.projections.consumption;

import io.gridledger.ledger.account.ReactiveEnergy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Consumption series of one meter. An interval counts toward the bucket its start falls in;
 * 15-minute buckets align to the quarter hour, hours and days to the account's local time.
 */
@Component
public class ConsumptionQueries {

    private final JdbcTemplate jdbc;

    public ConsumptionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ConsumptionBucket> findSeries(String meterId, Instant from, Instant to, Resolution resolution,
                                              ZoneId zone) {
        String bucketStart = switch (resolution) {
            case PT15M -> "date_bin('15 minutes', interval_start, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
            // hours counted from a local midnight: the two 02:00 hours of an autumn night stay apart
            case PT1H -> "date_bin('1 hour', interval_start, ('2000-01-01'::timestamp AT TIME ZONE ?))";
            case P1D -> "(date_trunc('day', interval_start AT TIME ZONE ?) AT TIME ZONE ?)";
        };
        String bucketEnd = switch (resolution) {
            case PT15M -> "bucket + INTERVAL '15 minutes'";
            case PT1H -> "bucket + INTERVAL '1 hour'";
            case P1D -> "((bucket AT TIME ZONE ?) + INTERVAL '1 day') AT TIME ZONE ?";
        };
        String sql = "SELECT bucket, " + bucketEnd + " AS bucket_end, import_wh, export_wh, charged, q1, q2, q3, q4 FROM ("
                + " SELECT " + bucketStart + " AS bucket, SUM(import_wh) AS import_wh, SUM(export_wh) AS export_wh,"
                + " SUM(charged) AS charged, SUM(reactive_q1_varh) AS q1, SUM(reactive_q2_varh) AS q2,"
                + " SUM(reactive_q3_varh) AS q3, SUM(reactive_q4_varh) AS q4 FROM interval_consumption"
                + " WHERE meter_id = ? AND interval_start >= ? AND interval_start < ?"
                + " GROUP BY 1) b ORDER BY bucket";
        String tz = zone.getId();
        Object[] args = switch (resolution) {
            case PT15M -> new Object[] {meterId, Timestamp.from(from), Timestamp.from(to)};
            case PT1H -> new Object[] {tz, meterId, Timestamp.from(from), Timestamp.from(to)};
            case P1D -> new Object[] {tz, tz, tz, tz, meterId, Timestamp.from(from), Timestamp.from(to)};
        };
        return jdbc.query(sql, (rs, n) -> {
            Long q1 = longOrNull(rs.getBigDecimal("q1"));
            Long q2 = longOrNull(rs.getBigDecimal("q2"));
            Long q3 = longOrNull(rs.getBigDecimal("q3"));
            Long q4 = longOrNull(rs.getBigDecimal("q4"));
            long importWh = rs.getLong("import_wh");
            long exportWh = rs.getLong("export_wh");
            BigDecimal powerFactor = q1 == null || q2 == null || q3 == null || q4 == null ? null
                    : ReactiveEnergy.powerFactor(importWh + exportWh, q1 + q2 + q3 + q4);
            return new ConsumptionBucket(rs.getTimestamp("bucket").toInstant(),
                    rs.getTimestamp("bucket_end").toInstant(), importWh, exportWh, rs.getBigDecimal("charged"),
                    q1, q2, q3, q4, powerFactor);
        }, args);
    }

    private static Long longOrNull(BigDecimal sum) {
        return sum == null ? null : sum.longValueExact();
    }
}
