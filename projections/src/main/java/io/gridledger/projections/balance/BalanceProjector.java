package io.gridledger.projections.balance;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.CreditState;
import io.gridledger.ledger.account.CreditStateChanged;
import io.gridledger.ledger.account.DisconnectionDeferred;
import io.gridledger.ledger.account.EmergencyCreditActivated;
import io.gridledger.ledger.account.EmergencyCreditRepaid;
import io.gridledger.ledger.account.MeterAccount;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.MeterReadingsRejected;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.RelayCommandExpired;
import io.gridledger.ledger.account.RelayCommandRequested;
import io.gridledger.ledger.account.RelayCommandRetried;
import io.gridledger.ledger.account.RelayCommandWithdrawn;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.SupplyStateConfirmed;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps {@code balance_view} current. Every update is guarded by the event's sequence number, so a
 * replayed event never moves the view backwards.
 */
@Component
@ProcessingGroup(ProcessingGroups.ACCOUNT_VIEWS)
public class BalanceProjector {

    private static final String ACCOUNT_AGGREGATE = MeterAccount.class.getSimpleName();

    private final JdbcTemplate jdbc;

    public BalanceProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MeterAccountOpened e, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO balance_view (meter_id, customer_id, tariff_id, timezone, currency, opened_at, balance, debt,
                    low_credit_threshold, emergency_credit_limit, credit_state, supply, standing_charged_through,
                    last_event_sequence, updated_at, retailer_id)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'CONNECTED', ?, ?, ?, ?)
                ON CONFLICT (meter_id) DO NOTHING""",
                e.meterId().value(), e.customerId().value(), e.tariffId().value(), e.timezone().getId(),
                e.currency().getCurrencyCode(), ts(e.openedAt()), e.debt().amount(), e.lowCreditThreshold().amount(),
                e.emergencyCreditLimit().amount(),
                CreditState.of(Money.zero(e.currency()), e.lowCreditThreshold(), false, e.emergencyCreditLimit()).name(),
                Date.valueOf(e.openedAt().atZone(e.timezone()).toLocalDate()), sequence, ts(e.openedAt()),
                e.retailerId().value());
    }

    @EventHandler
    void on(StandingChargeApplied e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "balance = ?, standing_charged_through = ?",
                e.balanceAfter().amount(), Date.valueOf(e.day()));
    }

    @EventHandler
    void on(MeterReadingsRecorded e, @SequenceNumber long sequence) {
        List<AcceptedInterval> intervals = e.intervals();
        RegisterReading last = intervals.get(intervals.size() - 1).reading();
        update(e.meterId(), sequence, e.receivedAt(), """
                        balance = ?, last_reading_at = ?, active_import_wh = ?,
                        active_export_wh = COALESCE(?, active_export_wh),
                        reactive_q1_varh = COALESCE(?, reactive_q1_varh), reactive_q2_varh = COALESCE(?, reactive_q2_varh),
                        reactive_q3_varh = COALESCE(?, reactive_q3_varh), reactive_q4_varh = COALESCE(?, reactive_q4_varh)""",
                e.balanceAfter().amount(), ts(last.at()), last.activeImportWh(), last.activeExportWh(),
                last.reactiveQ1Varh(), last.reactiveQ2Varh(), last.reactiveQ3Varh(), last.reactiveQ4Varh());
    }

    @EventHandler
    void on(SettlementPeriodClosed e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "balance = ?", e.balanceAfter().amount());
    }

    @EventHandler
    void on(TradeSettled e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "balance = ?", e.balanceAfter().amount());
    }

    @EventHandler
    void on(MeterReadingsRejected e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.receivedAt(), "readings_rejected = readings_rejected + ?", e.readings().size());
    }

    @EventHandler
    void on(AccountToppedUp e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "balance = ?, debt = ?", e.balanceAfter().amount(), e.debtAfter().amount());
    }

    @EventHandler
    void on(EmergencyCreditActivated e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "emergency_credit_active = TRUE");
    }

    @EventHandler
    void on(EmergencyCreditRepaid e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "emergency_credit_active = FALSE");
    }

    @EventHandler
    void on(CreditStateChanged e, @SequenceNumber long sequence) {
        if (e.to() == CreditState.EXHAUSTED) {
            update(e.meterId(), sequence, e.at(), "credit_state = ?", e.to().name());
        } else {
            update(e.meterId(), sequence, e.at(),
                    "credit_state = ?, deferral_reason = NULL, deferral_review_at = NULL", e.to().name());
        }
    }

    @EventHandler
    void on(DisconnectionDeferred e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "deferral_reason = ?, deferral_review_at = ?",
                e.reason().name(), ts(e.reviewAt()));
    }

    @EventHandler
    void on(RelayCommandRequested e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), """
                        pending_relay_command = ?, pending_relay_request_id = ?, relay_next_attempt_at = ?,
                        relay_expires_at = ?, deferral_reason = NULL, deferral_review_at = NULL""",
                e.command().name(), e.requestId(), ts(e.nextAttemptAt()), ts(e.expiresAt()));
    }

    @EventHandler
    void on(RelayCommandRetried e, @SequenceNumber long sequence) {
        update(e.meterId(), sequence, e.at(), "relay_next_attempt_at = ?", ts(e.nextAttemptAt()));
    }

    @EventHandler
    void on(RelayCommandExpired e, @SequenceNumber long sequence) {
        clearRelay(e.meterId(), sequence, e.at());
    }

    @EventHandler
    void on(RelayCommandWithdrawn e, @SequenceNumber long sequence) {
        clearRelay(e.meterId(), sequence, e.at());
    }

    @EventHandler
    void on(SupplyStateConfirmed e, @SequenceNumber long sequence) {
        if (e.requestId() != null) {
            update(e.meterId(), sequence, e.at(), """
                            supply = ?, pending_relay_command = NULL, pending_relay_request_id = NULL,
                            relay_next_attempt_at = NULL, relay_expires_at = NULL""",
                    e.state().name());
        } else {
            update(e.meterId(), sequence, e.at(), "supply = ?", e.state().name());
        }
    }

    /**
     * Any other event of an account (for example {@code LowCreditAlerted}) changes no column but
     * still advances the view's sequence, so a write waiting to read its own events never waits
     * for one the view does not show. Axon calls this only when no more specific handler matches.
     */
    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        if (ACCOUNT_AGGREGATE.equals(message.getType())) {
            jdbc.update("UPDATE balance_view SET last_event_sequence = ?, updated_at = ? "
                            + "WHERE meter_id = ? AND last_event_sequence < ?", message.getSequenceNumber(),
                    ts(message.getTimestamp()), message.getAggregateIdentifier(), message.getSequenceNumber());
        }
    }

    private void clearRelay(MeterId meterId, long sequence, Instant at) {
        update(meterId, sequence, at, """
                pending_relay_command = NULL, pending_relay_request_id = NULL,
                relay_next_attempt_at = NULL, relay_expires_at = NULL""");
    }

    private void update(MeterId meterId, long sequence, Instant at, String assignments, Object... values) {
        List<Object> args = new ArrayList<>(Arrays.asList(values));
        args.add(sequence);
        args.add(ts(at));
        args.add(meterId.value());
        args.add(sequence);
        jdbc.update("UPDATE balance_view SET " + assignments + ", last_event_sequence = ?, updated_at = ? "
                + "WHERE meter_id = ? AND last_event_sequence < ?", args.toArray());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE balance_view");
    }
}
