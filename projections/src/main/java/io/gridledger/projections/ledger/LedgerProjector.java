package io.gridledger.projections.ledger;

import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.projections.ProcessingGroups;
import io.gridledger.projections.batching.UnitOfWorkRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/** Writes {@code ledger_entry}: the {@link LedgerLines} of every account event that moves money. */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_VIEWS)
public class LedgerProjector {

    private final JdbcTemplate jdbc;

    public LedgerProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StandingChargeApplied e, @SequenceNumber long sequence) {
        add(e.meterId().value(), LedgerLines.of(e, sequence));
    }

    @EventHandler
    void on(AccountToppedUp e, @SequenceNumber long sequence) {
        add(e.meterId().value(), LedgerLines.of(e, sequence));
    }

    @EventHandler
    void on(MeterReadingsRecorded e, @SequenceNumber long sequence) {
        add(e.meterId().value(), LedgerLines.of(e, sequence));
    }

    @EventHandler
    void on(TradeSettled e, @SequenceNumber long sequence) {
        add(e.meterId().value(), LedgerLines.of(e, sequence));
    }

    @EventHandler
    void on(SettlementPeriodClosed e, @SequenceNumber long sequence) {
        add(e.meterId().value(), LedgerLines.of(e, sequence));
    }

    private record Row(String meterId, LedgerEntryView line) {
    }

    private void add(String meterId, List<LedgerEntryView> lines) {
        for (LedgerEntryView line : lines) {
            UnitOfWorkRows.add("ledger_entry", new Row(meterId, line), this::write);
        }
    }

    private void write(List<Row> rows) {
        jdbc.batchUpdate("""
                INSERT INTO ledger_entry (meter_id, event_sequence, line_no, at, type, amount, balance_after, currency,
                    cause, energy_wh)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter_id, event_sequence, line_no) DO NOTHING""", rows, rows.size(), (ps, r) -> {
            LedgerEntryView l = r.line();
            ps.setString(1, r.meterId());
            ps.setLong(2, l.eventSequence());
            ps.setInt(3, l.lineNo());
            ps.setTimestamp(4, Timestamp.from(l.at()));
            ps.setString(5, l.type().name());
            ps.setBigDecimal(6, l.amount());
            ps.setBigDecimal(7, l.balanceAfter());
            ps.setString(8, l.currency());
            ps.setString(9, l.cause());
            if (l.energyWh() == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, l.energyWh());
            }
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE ledger_entry");
    }
}
