package io.gridledger.projections.balance;

import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.CreditState;
import io.gridledger.ledger.account.CreditStateChanged;
import io.gridledger.ledger.account.DisconnectionDeferred;
import io.gridledger.ledger.account.EmergencyCreditActivated;
import io.gridledger.ledger.account.EmergencyCreditRepaid;
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
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The balance view of one account computed from its events instead of the table: the meter view
 * as of a past instant, and what the reconciliation checks {@code balance_view} against. Mirrors
 * {@link BalanceProjector} column by column.
 */
public final class BalanceFold {

    private String meterId;
    private String customerId;
    private String tariffId;
    private String timezone;
    private String currency;
    private BigDecimal balance;
    private BigDecimal debt;
    private BigDecimal threshold;
    private BigDecimal emergencyLimit;
    private boolean emergencyActive;
    private String creditState;
    private String supply;
    private String relayCommand;
    private String relayRequestId;
    private Instant relayExpiresAt;
    private String deferralReason;
    private Instant deferralReviewAt;
    private Instant lastReadingAt;
    private Long importWh;
    private Long exportWh;
    private Long q1;
    private Long q2;
    private Long q3;
    private Long q4;
    private long rejected;
    private long sequence = -1;
    private Instant updatedAt;

    /** Applies one event of the account, in sequence order; {@code timestamp} is when it was stored. */
    public BalanceFold add(Object event, long eventSequence, Instant timestamp) {
        Instant at = timestamp;
        if (event instanceof MeterAccountOpened e) {
            meterId = e.meterId().value();
            customerId = e.customerId().value();
            tariffId = e.tariffId().value();
            timezone = e.timezone().getId();
            currency = e.currency().getCurrencyCode();
            balance = BigDecimal.ZERO.setScale(Money.SCALE);
            debt = e.debt().amount();
            threshold = e.lowCreditThreshold().amount();
            emergencyLimit = e.emergencyCreditLimit().amount();
            creditState = CreditState.of(Money.zero(e.currency()), e.lowCreditThreshold(), false,
                    e.emergencyCreditLimit()).name();
            supply = "CONNECTED";
            at = e.openedAt();
        } else if (event instanceof StandingChargeApplied e) {
            balance = e.balanceAfter().amount();
            at = e.at();
        } else if (event instanceof MeterReadingsRecorded e) {
            AcceptedInterval lastInterval = e.intervals().get(e.intervals().size() - 1);
            RegisterReading last = lastInterval.reading();
            balance = e.balanceAfter().amount();
            lastReadingAt = last.at();
            importWh = last.activeImportWh();
            exportWh = last.activeExportWh() != null ? last.activeExportWh() : exportWh;
            q1 = last.reactiveQ1Varh() != null ? last.reactiveQ1Varh() : q1;
            q2 = last.reactiveQ2Varh() != null ? last.reactiveQ2Varh() : q2;
            q3 = last.reactiveQ3Varh() != null ? last.reactiveQ3Varh() : q3;
            q4 = last.reactiveQ4Varh() != null ? last.reactiveQ4Varh() : q4;
            at = e.receivedAt();
        } else if (event instanceof MeterReadingsRejected e) {
            rejected += e.readings().size();
            at = e.receivedAt();
        } else if (event instanceof AccountToppedUp e) {
            balance = e.balanceAfter().amount();
            debt = e.debtAfter().amount();
            at = e.at();
        } else if (event instanceof SettlementPeriodClosed e) {
            balance = e.balanceAfter().amount();
            at = e.at();
        } else if (event instanceof TradeSettled e) {
            balance = e.balanceAfter().amount();
            at = e.at();
        } else if (event instanceof EmergencyCreditActivated e) {
            emergencyActive = true;
            at = e.at();
        } else if (event instanceof EmergencyCreditRepaid e) {
            emergencyActive = false;
            at = e.at();
        } else if (event instanceof CreditStateChanged e) {
            creditState = e.to().name();
            if (e.to() != CreditState.EXHAUSTED) {
                deferralReason = null;
                deferralReviewAt = null;
            }
            at = e.at();
        } else if (event instanceof DisconnectionDeferred e) {
            deferralReason = e.reason().name();
            deferralReviewAt = e.reviewAt();
            at = e.at();
        } else if (event instanceof RelayCommandRequested e) {
            relayCommand = e.command().name();
            relayRequestId = e.requestId();
            relayExpiresAt = e.expiresAt();
            deferralReason = null;
            deferralReviewAt = null;
            at = e.at();
        } else if (event instanceof RelayCommandRetried e) {
            at = e.at();
        } else if (event instanceof RelayCommandExpired e) {
            clearRelay();
            at = e.at();
        } else if (event instanceof RelayCommandWithdrawn e) {
            clearRelay();
            at = e.at();
        } else if (event instanceof SupplyStateConfirmed e) {
            supply = e.state().name();
            if (e.requestId() != null) {
                clearRelay();
            }
            at = e.at();
        }
        sequence = eventSequence;
        updatedAt = at;
        return this;
    }

    private void clearRelay() {
        relayCommand = null;
        relayRequestId = null;
        relayExpiresAt = null;
    }

    /** The view, or empty before the account was opened. */
    public Optional<BalanceView> view() {
        if (meterId == null) {
            return Optional.empty();
        }
        BigDecimal inUse = emergencyActive && balance.signum() < 0 ? balance.negate().min(emergencyLimit)
                : BigDecimal.ZERO;
        return Optional.of(new BalanceView(meterId, customerId, tariffId, timezone, currency, balance, creditState,
                emergencyActive, inUse.setScale(Money.SCALE), emergencyLimit, debt, threshold,
                balance.compareTo(threshold) < 0, supply, relayCommand, relayRequestId, relayExpiresAt, deferralReason,
                deferralReviewAt, lastReadingAt, new BalanceView.Registers(importWh, exportWh, q1, q2, q3, q4),
                rejected, sequence, updatedAt));
    }
}
