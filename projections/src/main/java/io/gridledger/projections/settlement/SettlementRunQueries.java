package io.gridledger.projections.settlement;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reads the settlement tables written by {@link ChainProjector}, and stores issued runs. */
@Component
public class SettlementRunQueries {

    /** The last chained event, and where the chain starts. */
    public record ChainHead(long fromChainSeq, long fromGlobalIndex, long chainSeq, long globalIndex, String hash,
                            Instant timestamp) {
    }

    /** An issued run as stored: its canonical document. */
    public record StoredRun(String period, int revision, Instant issuedAt, String document) {
    }

    private final JdbcTemplate jdbc;

    public SettlementRunQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ChainHead> chainHead() {
        return jdbc.query("""
                SELECT f.chain_seq AS from_seq, f.global_index AS from_index, h.chain_seq, h.global_index, h.hash,
                       h.time_stamp
                FROM (SELECT * FROM event_chain ORDER BY chain_seq DESC LIMIT 1) h,
                     (SELECT * FROM event_chain ORDER BY chain_seq LIMIT 1) f""",
                rs -> rs.next() ? Optional.of(new ChainHead(rs.getLong("from_seq"), rs.getLong("from_index"),
                        rs.getLong("chain_seq"), rs.getLong("global_index"), rs.getString("hash").trim(),
                        rs.getTimestamp("time_stamp").toInstant())) : Optional.empty());
    }

    /** The highest global index committed to the event store. */
    public long lastStoredGlobalIndex() {
        Long max = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return max == null ? -1 : max;
    }

    /**
     * Whether the chain holds every stored event up to {@code globalIndex}. Seeing the newest is not
     * enough: an event that committed late behind a gap is chained after higher ones. Looks back
     * over the last {@code window} indexes, far more than can be in flight at once.
     */
    public boolean chainHasEverythingUpTo(long globalIndex, long window) {
        return Boolean.FALSE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM domain_event_entry e
                               WHERE e.global_index > ? AND e.global_index <= ?
                                 AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.global_index = e.global_index))""",
                Boolean.class, globalIndex - window, globalIndex));
    }

    public List<SettlementFigures.FactGroup> factGroups(YearMonth period) {
        return jdbc.query("""
                        SELECT kind, label, tariff_id, tariff_version, sum(amount) AS amount, sum(quantity) AS quantity,
                               currency
                        FROM settlement_fact WHERE period = ?
                        GROUP BY kind, label, tariff_id, tariff_version, currency""",
                (rs, n) -> new SettlementFigures.FactGroup(SettlementFactKind.valueOf(rs.getString("kind")),
                        rs.getString("label"), rs.getString("tariff_id"), rs.getInt("tariff_version"),
                        rs.getBigDecimal("amount"), rs.getLong("quantity"), rs.getString("currency").trim()),
                period.toString());
    }

    public long metersBilled(YearMonth period) {
        Long n = jdbc.queryForObject("SELECT count(DISTINCT meter_id) FROM settlement_fact WHERE period = ?",
                Long.class, period.toString());
        return n == null ? 0 : n;
    }

    public List<SettlementMeterState> meterStates() {
        return meterStates("SELECT * FROM settlement_meter");
    }

    /** The accounts whose supply is off as of the chain head (few; what ongoing disconnections need). */
    public List<SettlementMeterState> disconnectedMeterStates() {
        return meterStates("SELECT * FROM settlement_meter WHERE disconnected_since IS NOT NULL");
    }

    private List<SettlementMeterState> meterStates(String sql) {
        return jdbc.query(sql, (rs, n) -> new SettlementMeterState(
                rs.getString("meter_id"), ZoneId.of(rs.getString("timezone")), rs.getString("tariff_id"),
                rs.getString("currency").trim(), rs.getBigDecimal("balance"), rs.getBigDecimal("debt"),
                rs.getBigDecimal("emergency_credit_limit"), rs.getBoolean("emergency_credit_active"),
                rs.getTimestamp("disconnected_since") == null ? null : rs.getTimestamp("disconnected_since").toInstant(),
                rs.getLong("last_event_sequence")));
    }

    public List<StoredRun> runs(YearMonth period) {
        return jdbc.query("SELECT * FROM settlement_run WHERE period = ? ORDER BY revision", (rs, n) -> new StoredRun(
                rs.getString("period"), rs.getInt("revision"), rs.getTimestamp("issued_at").toInstant(),
                rs.getString("document")), period.toString());
    }

    public void insertRun(SettlementRunDocument run, String canonical) {
        jdbc.update("""
                INSERT INTO settlement_run (period, revision, issued_at, chain_from, chain_to, chain_root, digest, document)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", run.period(), run.revision(), Timestamp.from(Instant.parse(run.issuedAt())),
                run.chain().fromChainSeq(), run.chain().toChainSeq(), run.chain().root(), run.digest(), canonical);
    }

    /** Streams the stored events of chain positions up to {@code toChainSeq}, in chain order. */
    public void exportEvents(long toChainSeq, RowCallbackHandler row) {
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT c.chain_seq, c.hash, e.global_index, e.event_identifier, e.type, e.aggregate_identifier,
                           e.sequence_number, e.time_stamp, e.payload_type, e.payload_revision, e.payload
                    FROM event_chain c JOIN domain_event_entry e ON e.global_index = c.global_index
                    WHERE c.chain_seq <= ? ORDER BY c.chain_seq""");
            ps.setFetchSize(1000);
            ps.setLong(1, toChainSeq);
            return ps;
        }, row);
    }

}
