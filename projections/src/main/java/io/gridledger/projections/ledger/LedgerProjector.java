package io.gridledger.projections.ledger;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.value.Money;
import io.gridledger.projections.ProcessingGroups;
import io.gridledger.projections.batching.UnitOfWorkRows;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code ledger_entry}: one line per money movement. A delivery's import charges become one
 * line per band or block and price, whose amount is the exact sum of the rounded parts, so the
 * lines always add up to the balance.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_VIEWS)
public class LedgerProjector {

    private final JdbcTemplate jdbc;

    public LedgerProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String meterId, long sequence, int lineNo, java.time.Instant at, LedgerEntryType type,
                       Money amount, Money balanceAfter, String cause, Long energyWh) {
    }

    @EventHandler
    void on(StandingChargeApplied e, @SequenceNumber long sequence) {
        if (e.amount().isZero()) {
            return;
        }
        add(new Row(e.meterId().value(), sequence, 0, e.at(), LedgerEntryType.STANDING_CHARGE, e.amount().negate(),
                e.balanceAfter(), "standing charge for " + e.day() + " (tariff v" + e.tariffVersion() + ")", null));
    }

    @EventHandler
    void on(AccountToppedUp e, @SequenceNumber long sequence) {
        Money afterTopUp = e.balanceAfter().plus(e.debtRecovered());
        add(new Row(e.meterId().value(), sequence, 0, e.at(), LedgerEntryType.TOP_UP, e.amount(), afterTopUp,
                "payment " + e.paymentId(), null));
        if (e.debtRecovered().isPositive()) {
            add(new Row(e.meterId().value(), sequence, 1, e.at(), LedgerEntryType.DEBT_RECOVERY,
                    e.debtRecovered().negate(), e.balanceAfter(),
                    "debt recovery from payment " + e.paymentId() + " (debt left " + e.debtAfter().amount() + ")",
                    null));
        }
    }

    private record ChargeGroup(String label, BigDecimal pricePerKwh) {
    }

    @EventHandler
    void on(MeterReadingsRecorded e, @SequenceNumber long sequence) {
        if (e.charged().isZero()) {
            return;
        }
        Map<ChargeGroup, long[]> energy = new LinkedHashMap<>();
        Map<ChargeGroup, Money> amounts = new LinkedHashMap<>();
        for (AcceptedInterval interval : e.intervals()) {
            for (ImportCharge c : interval.charges()) {
                ChargeGroup g = new ChargeGroup(c.label(), c.pricePerKwh());
                energy.computeIfAbsent(g, k -> new long[1])[0] += c.wh();
                amounts.merge(g, c.amount(), Money::plus);
            }
        }
        Money running = e.balanceAfter().plus(e.charged());
        int line = 0;
        for (Map.Entry<ChargeGroup, Money> group : amounts.entrySet()) {
            running = running.minus(group.getValue());
            long wh = energy.get(group.getKey())[0];
            add(new Row(e.meterId().value(), sequence, line++, e.receivedAt(), LedgerEntryType.IMPORT_CHARGE,
                    group.getValue().negate(), running,
                    "import " + group.getKey().label() + " at " + group.getKey().pricePerKwh().toPlainString()
                            + "/kWh", wh));
        }
    }

    private void add(Row row) {
        UnitOfWorkRows.add("ledger_entry", row, this::write);
    }

    private void write(List<Row> rows) {
        jdbc.batchUpdate("""
                INSERT INTO ledger_entry (meter_id, event_sequence, line_no, at, type, amount, balance_after, currency,
                    cause, energy_wh)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (meter_id, event_sequence, line_no) DO NOTHING""", rows, rows.size(), (ps, r) -> {
            ps.setString(1, r.meterId());
            ps.setLong(2, r.sequence());
            ps.setInt(3, r.lineNo());
            ps.setTimestamp(4, Timestamp.from(r.at()));
            ps.setString(5, r.type().name());
            ps.setBigDecimal(6, r.amount().amount());
            ps.setBigDecimal(7, r.balanceAfter().amount());
            ps.setString(8, r.amount().currency().getCurrencyCode());
            ps.setString(9, r.cause());
            if (r.energyWh() == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, r.energyWh());
            }
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE ledger_entry");
    }
}
