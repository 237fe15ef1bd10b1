package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.tariff.Netting;
import io.gridledger.ledger.tariff.ReactivePricing;
import io.gridledger.ledger.tariff.SurplusRule;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The prepaid account of one meter: its balance, debt, emergency credit, registers and supply.
 * Command handlers decide and apply events; state changes only in event-sourcing handlers.
 *
 * <p>Every command first catches up with time (standing charges of the local days begun since the
 * last one, relay retries and expiry) and ends with credit control (state changes, low-credit
 * alert, emergency credit, disconnection or reconnection).
 */
public class MeterAccount {

    /** An unconfirmed relay request is sent again after this long. */
    static final Duration RELAY_RETRY_INTERVAL = Duration.ofMinutes(15);
    /** An unconfirmed relay request is dropped, never carried out, after this long. */
    static final Duration RELAY_EXPIRY = Duration.ofHours(24);
    /** How many meter events are remembered to recognise repeats (meters resend at most their last few hundred). */
    static final int REMEMBERED_METER_EVENTS = 512;
    /** How many settled trade sides are remembered to recognise a repeat (six weeks of quarter hours). */
    static final int REMEMBERED_TRADES = 4_096;

    @AggregateIdentifier
    private MeterId meterId;
    private TariffId tariffId;
    private ZoneId zone;
    private Currency currency;
    private Instant openedAt;
    private Money lowCreditThreshold;
    private Money emergencyCreditLimit;
    private boolean autoEmergencyCredit;
    private Percentage debtRecoveryPercent;
    private boolean vulnerable;
    private FriendlyCreditCalendar friendlyCredit;

    private Money balance;
    private Money debt;
    private boolean emergencyCreditActive;
    private CreditState creditState;
    private LocalDate standingChargedThrough;
    private ReadingBook readings = new ReadingBook();
    private final Map<PaymentId, TopUpReceipt> payments = new HashMap<>();
    private String meterSerial;
    /** Keys of the latest meter events, to recognise a repeated report. */
    private final LinkedHashSet<String> recentMeterEvents = new LinkedHashSet<>();

    /**
     * Trade sides booked ({@code tradeId/role} → interval start), oldest first. Trades settle within
     * days of their interval, so one of an interval at or before {@link #tradesForgottenThrough} (the
     * latest forgotten) is one booked long ago.
     */
    private final LinkedHashMap<String, Instant> settledTrades = new LinkedHashMap<>();
    private Instant tradesForgottenThrough;

    private YearMonth closedThrough;
    private final Map<YearMonth, PeriodTotals> openPeriods = new HashMap<>();

    private SupplyState supply;
    private Instant lastSupplyConfirmationAt;
    private PendingRelay pendingRelay;
    private int relayRequestCount;
    private DeferralReason deferral;
    private Instant deferralReviewAt;

    private record PendingRelay(String requestId, RelayCommand command, int attempts, Instant nextAttemptAt,
                                Instant expiresAt) {
    }

    /** What an open settlement period has gathered: import, inductive reactive energy and its kWh bank. */
    private record PeriodTotals(long importWh, long inductiveVarh, long bankWh) {
        static final PeriodTotals EMPTY = new PeriodTotals(0, 0, 0);

        PeriodTotals plus(long importWh, long inductiveVarh, long bankWh) {
            return new PeriodTotals(this.importWh + importWh, this.inductiveVarh + inductiveVarh,
                    this.bankWh + bankWh);
        }
    }

    private enum Trigger { TIME, READINGS, TOP_UP, EMERGENCY_CREDIT, SUPPLY_CONFIRMATION }

    protected MeterAccount() {
    }

    @CommandHandler
    public MeterAccount(OpenMeterAccount command, TariffBook tariffs) {
        // Another retailer's tariff is treated as not there: retailers never see each other's tariffs.
        TariffHistory history = tariffs.find(command.tariffId())
                .filter(found -> found.retailerId().equals(command.retailerId()))
                .orElseThrow(() -> new UnknownTariffException(command.tariffId()));
        Currency tariffCurrency = history.latest().definition().currency();
        requireCurrency(command.lowCreditThreshold(), tariffCurrency, "lowCreditThreshold");
        requireCurrency(command.emergencyCreditLimit(), tariffCurrency, "emergencyCreditLimit");
        requireCurrency(command.debt(), tariffCurrency, "debt");
        requireNotNegative(command.lowCreditThreshold(), "lowCreditThreshold");
        requireNotNegative(command.emergencyCreditLimit(), "emergencyCreditLimit");
        requireNotNegative(command.debt(), "debt");
        apply(new MeterAccountOpened(command.meterId(), command.customerId(), command.tariffId(), command.timezone(),
                tariffCurrency, command.lowCreditThreshold(), command.emergencyCreditLimit(),
                command.autoEmergencyCredit(), command.debt(), command.debtRecoveryPercent(), command.vulnerable(),
                command.friendlyCredit(), command.at(), command.retailerId()))
                // In a constructor Axon applies the event only once the aggregate exists: decide afterwards.
                .andThen(() -> controlCredit(command.at(), Trigger.TIME));
    }

    @CommandHandler
    public ReadingsOutcome handle(RecordMeterReadings command, TariffBook tariffs, MeterClockTolerance tolerance) {
        Instant at = command.receivedAt();
        TariffHistory history = tariffHistory(tariffs);
        catchUpWithTime(at, history);
        Delivery delivery = settle(command.readings(), history, at.plus(tolerance.maxAhead()));
        delivery.record(at);
        controlCredit(at, Trigger.READINGS);
        return new ReadingsOutcome(delivery.accepted.size(), delivery.duplicates, delivery.rejected.size(), sequence(),
                delivery.rejected);
    }

    /** One delivery being decided: readings in time order over a draft of the book and the period banks. */
    private final class Delivery {
        private final ReadingBook.Draft working = readings.draft();
        private final Map<YearMonth, Long> banks = new HashMap<>();
        private final List<AcceptedInterval> accepted = new ArrayList<>();
        private final List<RejectedReading> rejected = new ArrayList<>();
        private int duplicates;
        private Money charged = Money.zero(currency);
        private Money credited = Money.zero(currency);

        private long bank(YearMonth period) {
            return banks.computeIfAbsent(period, p -> totalsOf(p).bankWh);
        }

        private void record(Instant at) {
            if (!accepted.isEmpty()) {
                apply(new MeterReadingsRecorded(meterId, accepted, charged, credited,
                        balance.minus(charged).plus(credited), duplicates, firstOpenPeriod(), at));
            }
            if (!rejected.isEmpty()) {
                apply(new MeterReadingsRejected(meterId, rejected, at));
            }
        }
    }

    private Delivery settle(List<RegisterReading> delivered, TariffHistory history, Instant latestAcceptable) {
        Delivery d = new Delivery();
        List<RegisterReading> ordered = delivered.stream().sorted(Comparator.comparing(RegisterReading::at)).toList();
        for (RegisterReading reading : ordered) {
            RegisterReading last = d.working.last();
            Instant replacedAt = d.working.replacedAt();
            if (reading.at().isAfter(latestAcceptable)) {
                d.rejected.add(new RejectedReading(reading.at(), RejectionReason.AHEAD_OF_LEDGER_CLOCK,
                        "later than " + latestAcceptable + ", the ledger's clock plus the tolerance; check the meter's clock"));
            } else if (reading.at().isBefore(openedAt)) {
                d.rejected.add(new RejectedReading(reading.at(), RejectionReason.BEFORE_ACCOUNT_OPENED,
                        "account opened at " + openedAt));
            } else if (d.working.isRepeatOfAccepted(reading)) {
                d.duplicates++;
            } else if (last != null && !reading.at().isAfter(last.at())) {
                if (d.working.hasAcceptedAt(reading.at())) {
                    d.rejected.add(new RejectedReading(reading.at(), RejectionReason.CONFLICTS_WITH_ACCEPTED,
                            "differs from the reading accepted at that time"));
                } else {
                    d.rejected.add(new RejectedReading(reading.at(), RejectionReason.OUT_OF_ORDER,
                            "at or before the last accepted reading (" + last.at() + ")"));
                }
            } else if (replacedAt != null && !reading.at().isAfter(replacedAt)) {
                d.rejected.add(new RejectedReading(reading.at(), RejectionReason.BEFORE_METER_REPLACEMENT,
                        "the meter was replaced at " + replacedAt));
            } else if (last == null) {
                AcceptedInterval baseline = AcceptedInterval.baseline(reading);
                d.working.accept(baseline);
                d.accepted.add(baseline);
            } else {
                String backwards = reading.registerBelow(last);
                Optional<TariffVersion> version = history.versionAt(reading.at());
                if (backwards != null) {
                    d.rejected.add(new RejectedReading(reading.at(), RejectionReason.REGISTER_WENT_BACKWARDS,
                            backwards));
                } else if (version.isEmpty()) {
                    d.rejected.add(new RejectedReading(reading.at(), RejectionReason.NO_TARIFF_IN_FORCE,
                            "no version of tariff " + tariffId + " is valid at " + reading.at()));
                } else {
                    AcceptedInterval interval = settleInterval(reading, last, version.get(), d);
                    d.working.accept(interval);
                    d.accepted.add(interval);
                    for (ImportCharge c : interval.charges()) {
                        d.charged = d.charged.plus(c.amount());
                    }
                    if (interval.exportCredit() != null) {
                        d.credited = d.credited.plus(interval.exportCredit());
                    }
                }
            }
        }
        return d;
    }

    /**
     * Settles one interval. Under net billing the export is credited at the export price; under net
     * metering it goes into the bank of the period the interval is booked in, and the import draws
     * on that bank before the rest is priced.
     */
    private AcceptedInterval settleInterval(RegisterReading reading, RegisterReading last, TariffVersion version,
                                            Delivery d) {
        TariffDefinition tariff = version.definition();
        long importWh = reading.activeImportWh() - last.activeImportWh();
        long exportWh = reading.activeExportWh() != null && last.activeExportWh() != null
                ? reading.activeExportWh() - last.activeExportWh() : 0;
        YearMonth period = SettlementPeriods.periodEnding(reading.at(), zone);
        Money exportCredit = null;
        long deposit = 0;
        long draw = 0;
        if (tariff.netting() == Netting.NET_METERING) {
            YearMonth booked = bookedIn(period);
            deposit = exportWh;
            long bank = d.bank(booked) + deposit;
            draw = Math.min(bank, importWh);
            d.banks.put(booked, bank - draw);
        } else if (exportWh > 0) {
            exportCredit = tariff.exportCredit(exportWh);
        }
        YearMonth month = tariff.consumptionMonth(reading.at());
        List<ImportCharge> charges = tariff.importPricing().price(last.at(), reading.at(), importWh - draw,
                d.working.importCountedIn(month), tariff.timezone(), currency);
        return new AcceptedInterval(reading, last.at(), importWh, exportWh, version.version(), month, charges, period,
                exportCredit, deposit, draw, ReactiveEnergy.between(last, reading, importWh + exportWh));
    }

    @CommandHandler
    public AccountCommandOutcome handle(ReplaceMeter command, TariffBook tariffs, MeterClockTolerance tolerance) {
        if (command.newSerialNumber().equals(meterSerial) && command.replacedAt().equals(readings.replacedAt())) {
            return new AccountCommandOutcome(sequence());
        }
        Instant at = command.receivedAt();
        TariffHistory history = tariffHistory(tariffs);
        RegisterReading last = readings.last();
        if (last != null && !command.replacedAt().isAfter(last.at())) {
            throw new InvalidAccountCommandException("replacedAt",
                    "must be after the last accepted reading (" + last.at() + ")");
        }
        if (readings.replacedAt() != null && !command.replacedAt().isAfter(readings.replacedAt())) {
            throw new InvalidAccountCommandException("replacedAt",
                    "must be after the previous replacement (" + readings.replacedAt() + ")");
        }
        catchUpWithTime(at, history);
        if (command.finalReading() != null) {
            Delivery delivery = settle(List.of(command.finalReading()), history, at.plus(tolerance.maxAhead()));
            if (!delivery.rejected.isEmpty()) {
                RejectedReading r = delivery.rejected.get(0);
                throw new InvalidAccountCommandException("finalReading", r.reason() + ": " + r.detail());
            }
            delivery.record(at);
        }
        RegisterReading closing = readings.last();
        apply(new MeterReplaced(meterId, command.newSerialNumber(), closing == null ? null : closing.at(),
                command.replacedAt(), at));
        controlCredit(at, Trigger.READINGS);
        return new AccountCommandOutcome(sequence());
    }

    @CommandHandler
    public PeriodCloseOutcome handle(CloseSettlementPeriod command, TariffBook tariffs) {
        if (!command.period().isAfter(closedThrough)) {
            return new PeriodCloseOutcome(PeriodCloseOutcome.Status.ALREADY_CLOSED, sequence());
        }
        Instant at = command.at();
        TariffHistory history = tariffHistory(tariffs);
        catchUpWithTime(at, history);
        PeriodCloseOutcome.Status status = PeriodCloseOutcome.Status.CLOSED;
        if (SettlementPeriods.startOf(command.period(), zone).isAfter(at)) {
            status = PeriodCloseOutcome.Status.NOT_STARTED;
        } else {
            while (!command.period().isBefore(firstOpenPeriod())) {
                YearMonth period = firstOpenPeriod();
                closePeriod(period, history, at.isBefore(SettlementPeriods.closesAt(period, zone)), at);
            }
        }
        controlCredit(at, Trigger.TIME);
        return new PeriodCloseOutcome(status, sequence());
    }

    @CommandHandler
    public TopUpReceipt handle(TopUpAccount command, TariffBook tariffs) {
        TopUpReceipt earlier = payments.get(command.paymentId());
        if (earlier != null) {
            if (earlier.amount().equals(command.amount()) && Objects.equals(earlier.paidAt(), command.paidAt())) {
                return earlier.asRepeat(sequence());
            }
            throw new PaymentConflictException(command.paymentId());
        }
        requireCurrency(command.amount(), currency, "amount.currency");
        if (!command.amount().isPositive()) {
            throw new InvalidAccountCommandException("amount", "a top-up amount must be positive");
        }
        Instant at = command.at();
        catchUpWithTime(at, tariffHistory(tariffs));

        Money amount = command.amount();
        Money zero = Money.zero(currency);
        Money negativeCovered = balance.isNegative() ? amount.min(balance.negate()) : zero;
        Money rest = amount.minus(negativeCovered);
        Money debtRecovered = debt.isPositive() ? debt.min(rest.percent(debtRecoveryPercent.value())) : zero;
        Money balanceAfter = balance.plus(amount).minus(debtRecovered);
        Money emergencyRepaid = emergencyCreditActive ? negativeCovered : zero;
        YearMonth period = SettlementPeriods.periodAt(at, zone);
        apply(new AccountToppedUp(meterId, command.paymentId(), amount, command.paidAt(), emergencyRepaid,
                debtRecovered, balanceAfter, debt.minus(debtRecovered),
                bookedIn(period), at));
        if (emergencyCreditActive && !balance.isNegative()) {
            apply(new EmergencyCreditRepaid(meterId, at));
        }
        controlCredit(at, Trigger.TOP_UP);
        return payments.get(command.paymentId()).asFirst(sequence());
    }

    @CommandHandler
    public AccountCommandOutcome handle(ActivateEmergencyCredit command, TariffBook tariffs) {
        if (emergencyCreditActive) {
            return new AccountCommandOutcome(sequence());
        }
        if (!emergencyCreditLimit.isPositive()) {
            throw new EmergencyCreditUnavailableException("this account has no emergency credit (limit is zero)");
        }
        catchUpWithTime(command.at(), tariffHistory(tariffs));
        if (!balance.isLessThan(lowCreditThreshold)) {
            throw new EmergencyCreditUnavailableException("emergency credit is available only while the balance ("
                    + balance + ") is below the low-credit threshold (" + lowCreditThreshold + ")");
        }
        apply(new EmergencyCreditActivated(meterId, emergencyCreditLimit, false, command.at()));
        controlCredit(command.at(), Trigger.EMERGENCY_CREDIT);
        return new AccountCommandOutcome(sequence());
    }

    @CommandHandler
    public AccountCommandOutcome handle(ConfirmSupplyState command, TariffBook tariffs) {
        Instant at = command.at();
        if (lastSupplyConfirmationAt != null && at.isBefore(lastSupplyConfirmationAt)) {
            return new AccountCommandOutcome(sequence());
        }
        Instant now = command.receivedAt();
        catchUpWithTime(now, tariffHistory(tariffs));
        boolean completesRequest = pendingRelay != null && pendingRelay.command().resultingState() == command.state();
        if (completesRequest || command.state() != supply) {
            apply(new SupplyStateConfirmed(meterId, command.state(),
                    completesRequest ? pendingRelay.requestId() : null, at));
            controlCredit(now, Trigger.SUPPLY_CONFIRMATION);
        }
        return new AccountCommandOutcome(sequence());
    }

    /** Records the events not seen before (a repeated report adds nothing); credit is untouched. */
    @CommandHandler
    public AccountCommandOutcome handle(RecordMeterEvents command, TariffBook tariffs) {
        catchUpWithTime(command.receivedAt(), tariffHistory(tariffs));
        List<MeterEvent> fresh = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (MeterEvent e : command.events()) {
            if (!recentMeterEvents.contains(e.key()) && keys.add(e.key())) {
                fresh.add(e);
            }
        }
        if (!fresh.isEmpty()) {
            apply(new MeterEventsRecorded(meterId, fresh, command.receivedAt()));
        }
        controlCredit(command.receivedAt(), Trigger.TIME);
        return new AccountCommandOutcome(sequence());
    }

    @CommandHandler
    public AccountCommandOutcome handle(ReviewCreditControl command, TariffBook tariffs) {
        catchUpWithTime(command.at(), tariffHistory(tariffs));
        controlCredit(command.at(), Trigger.TIME);
        return new AccountCommandOutcome(sequence());
    }

    /**
     * Books one side of a settled trade. The trade's money replaces what the tariff did with the
     * delivered Wh (the refund or reversal comes with the command, from the same accepted readings),
     * so delivered energy is paid once, at the clearing price; then credit control runs as after a
     * reading. Settled trades are remembered, so a repeated command books nothing.
     */
    @CommandHandler
    public AccountCommandOutcome handle(SettleTrade command, TariffBook tariffs) {
        String key = command.tradeId() + "/" + command.role();
        if (settledTrades.containsKey(key) || (tradesForgottenThrough != null
                && !command.intervalStart().isAfter(tradesForgottenThrough))) {
            return new AccountCommandOutcome(sequence());
        }
        requireCurrency(command.tradeValue(), currency, "tradeValue");
        requireCurrency(command.tradeAmount(), currency, "tradeAmount");
        requireCurrency(command.tariffReversal(), currency, "tariffReversal");
        requireCurrency(command.imbalanceCharge(), currency, "imbalanceCharge");
        Instant at = command.at();
        TariffHistory history = tariffHistory(tariffs);
        catchUpWithTime(at, history);
        YearMonth period = bookedIn(SettlementPeriods.periodEnding(command.intervalEnd(), zone));
        Money zero = Money.zero(currency);
        long withdrawn = 0;
        long shortfallWh = 0;
        Money shortfallCharge = zero;
        Money change;
        if (command.role() == TradeRole.BUYER) {
            change = command.tariffReversal().minus(command.tradeAmount());
        } else {
            long bank = Math.max(0, totalsOf(period).bankWh);
            withdrawn = Math.min(bank, command.bankWithdrawnWh());
            shortfallWh = command.bankWithdrawnWh() - withdrawn;
            if (shortfallWh > 0) {
                long wh = shortfallWh;
                shortfallCharge = history.versionAt(command.intervalStart())
                        .map(v -> v.definition().exportCredit(wh)).orElse(zero);
            }
            change = command.tradeAmount().minus(command.tariffReversal()).minus(shortfallCharge)
                    .minus(command.imbalanceCharge());
        }
        boolean wasNegative = balance.isNegative();
        apply(new TradeSettled(meterId, command.tradeId(), command.role(), command.intervalStart(),
                command.matchedWh(), command.deliveredWh(), command.tradeValue(), command.tradeAmount(), command.tariffReversal(), withdrawn, shortfallWh,
                shortfallCharge, command.imbalanceCharge(), change, balance.plus(change), period, at));
        if (emergencyCreditActive && wasNegative && !balance.isNegative()) {
            apply(new EmergencyCreditRepaid(meterId, at));
        }
        controlCredit(at, Trigger.READINGS);
        return new AccountCommandOutcome(sequence());
    }

    // ---- deciding ---------------------------------------------------------------------------

    private TariffHistory tariffHistory(TariffBook tariffs) {
        return tariffs.find(tariffId).orElseThrow(() -> new UnknownTariffException(tariffId));
    }

    /** Scratch for one command (set by the catch-up, read by credit control), not state: never event-sourced. */
    private transient boolean relayJustExpired;

    private void catchUpWithTime(Instant at, TariffHistory history) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day = standingChargedThrough.plusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            Optional<TariffVersion> version = history.versionAt(day.atStartOfDay(zone).toInstant());
            Money amount = version.map(v -> v.definition().standingCharge()).orElse(Money.zero(currency));
            apply(new StandingChargeApplied(meterId, day, version.map(TariffVersion::version).orElse(null), amount,
                    balance.minus(amount), at));
        }
        while (!SettlementPeriods.closesAt(firstOpenPeriod(), zone).isAfter(at)) {
            closePeriod(firstOpenPeriod(), history, false, at);
        }
        relayJustExpired = false;
        if (pendingRelay != null) {
            if (at.isAfter(pendingRelay.expiresAt())) {
                apply(new RelayCommandExpired(meterId, pendingRelay.requestId(), pendingRelay.command(), at));
                relayJustExpired = true;
            } else if (!at.isBefore(pendingRelay.nextAttemptAt())) {
                apply(new RelayCommandRetried(meterId, pendingRelay.requestId(), pendingRelay.command(),
                        pendingRelay.attempts() + 1, at, at.plus(RELAY_RETRY_INTERVAL)));
            }
        }
    }

    private void controlCredit(Instant at, Trigger trigger) {
        boolean emergencyJustActivated = trigger == Trigger.EMERGENCY_CREDIT;
        if (autoEmergencyCredit && !emergencyCreditActive && emergencyCreditLimit.isPositive()
                && balance.isLessThan(lowCreditThreshold)) {
            apply(new EmergencyCreditActivated(meterId, emergencyCreditLimit, true, at));
            emergencyJustActivated = true;
        }
        CreditState now = currentCreditState();
        if (now != creditState) {
            CreditState before = creditState;
            apply(new CreditStateChanged(meterId, before, now, balance, at));
            if (before == CreditState.OK) {
                apply(new LowCreditAlerted(meterId, balance, lowCreditThreshold, at));
            }
        }
        if (creditState == CreditState.EXHAUSTED) {
            keepSupplyOffUnlessProtected(at);
        } else if (!balance.isNegative() || emergencyJustActivated) {
            restoreSupply(at);
        }
    }

    private void keepSupplyOffUnlessProtected(Instant at) {
        if (pendingRelay != null && pendingRelay.command() == RelayCommand.RECONNECT) {
            apply(new RelayCommandWithdrawn(meterId, pendingRelay.requestId(), RelayCommand.RECONNECT, at));
        }
        if (supply != SupplyState.CONNECTED || pendingRelay != null || relayJustExpired) {
            return;
        }
        if (vulnerable) {
            if (deferral != DeferralReason.VULNERABLE_CUSTOMER) {
                apply(new DisconnectionDeferred(meterId, DeferralReason.VULNERABLE_CUSTOMER, balance, null, at));
            }
            return;
        }
        Optional<Instant> friendlyUntil = friendlyCredit.friendlyUntil(at, zone);
        if (friendlyUntil.isPresent()) {
            if (deferral != DeferralReason.FRIENDLY_PERIOD || !friendlyUntil.get().equals(deferralReviewAt)) {
                apply(new DisconnectionDeferred(meterId, DeferralReason.FRIENDLY_PERIOD, balance, friendlyUntil.get(),
                        at));
            }
            return;
        }
        requestRelay(RelayCommand.DISCONNECT, at);
    }

    private void restoreSupply(Instant at) {
        if (pendingRelay != null && pendingRelay.command() == RelayCommand.DISCONNECT) {
            apply(new RelayCommandWithdrawn(meterId, pendingRelay.requestId(), RelayCommand.DISCONNECT, at));
        }
        if (supply == SupplyState.DISCONNECTED && pendingRelay == null) {
            requestRelay(RelayCommand.RECONNECT, at);
        }
    }

    private void requestRelay(RelayCommand relayCommand, Instant at) {
        String requestId = meterId + "/relay/" + (relayRequestCount + 1);
        apply(new RelayCommandRequested(meterId, requestId, relayCommand, at, at.plus(RELAY_RETRY_INTERVAL),
                at.plus(RELAY_EXPIRY)));
    }

    /**
     * Closes {@code period} at the tariff version in force at its end: charges inductive reactive
     * energy above the free allowance, and pays out or carries over a net-metering bank.
     */
    private void closePeriod(YearMonth period, TariffHistory history, boolean early, Instant at) {
        PeriodTotals totals = totalsOf(period);
        Optional<TariffDefinition> tariff = history.versionAt(SettlementPeriods.endOf(period, zone).minusNanos(1))
                .map(TariffVersion::definition);
        Integer version = history.versionAt(SettlementPeriods.endOf(period, zone).minusNanos(1))
                .map(TariffVersion::version).orElse(null);
        Money zero = Money.zero(currency);
        long freeVarh = 0;
        long chargedVarh = 0;
        Money reactiveCharge = zero;
        ReactivePricing reactive = tariff.map(TariffDefinition::reactive).orElse(null);
        if (reactive != null) {
            freeVarh = reactive.freeVarh(totals.importWh);
            chargedVarh = Math.max(0, totals.inductiveVarh - freeVarh);
            reactiveCharge = reactive.charge(chargedVarh, currency);
        }
        long paidOutWh = 0;
        Money payout = zero;
        boolean payOut = tariff.isPresent() && (tariff.get().netting() != Netting.NET_METERING
                || tariff.get().surplus() == SurplusRule.PAY_AT_EXPORT_PRICE);
        if (totals.bankWh > 0 && payOut) {
            paidOutWh = totals.bankWh;
            payout = tariff.get().exportCredit(paidOutWh);
        }
        apply(new SettlementPeriodClosed(meterId, period, version, totals.importWh, totals.inductiveVarh, freeVarh,
                chargedVarh, reactiveCharge, totals.bankWh, paidOutWh, payout, totals.bankWh - paidOutWh,
                balance.minus(reactiveCharge).plus(payout), early, at));
    }

    private YearMonth firstOpenPeriod() {
        return closedThrough.plusMonths(1);
    }

    /** Where a movement of {@code period} is booked: there, or in the first open period if it has closed. */
    private YearMonth bookedIn(YearMonth period) {
        return period.isBefore(firstOpenPeriod()) ? firstOpenPeriod() : period;
    }

    private PeriodTotals totalsOf(YearMonth period) {
        return openPeriods.getOrDefault(period, PeriodTotals.EMPTY);
    }

    private CreditState currentCreditState() {
        return CreditState.of(balance, lowCreditThreshold, emergencyCreditActive, emergencyCreditLimit);
    }

    private long sequence() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? -1 : version;
    }

    private static void requireCurrency(Money money, Currency currency, String field) {
        if (!money.currency().equals(currency)) {
            throw new InvalidAccountCommandException(field,
                    "must be in " + currency.getCurrencyCode() + ", the tariff's currency, not "
                            + money.currency().getCurrencyCode());
        }
    }

    private static void requireNotNegative(Money money, String field) {
        if (money.isNegative()) {
            throw new InvalidAccountCommandException(field, "must not be negative");
        }
    }

    // ---- evolving ---------------------------------------------------------------------------

    @EventSourcingHandler
    void on(MeterAccountOpened event) {
        meterId = event.meterId();
        tariffId = event.tariffId();
        zone = event.timezone();
        currency = event.currency();
        openedAt = event.openedAt();
        lowCreditThreshold = event.lowCreditThreshold();
        emergencyCreditLimit = event.emergencyCreditLimit();
        autoEmergencyCredit = event.autoEmergencyCredit();
        debt = event.debt();
        debtRecoveryPercent = event.debtRecoveryPercent();
        vulnerable = event.vulnerable();
        friendlyCredit = event.friendlyCredit();
        balance = Money.zero(currency);
        creditState = currentCreditState();
        supply = SupplyState.CONNECTED;
        standingChargedThrough = event.openedAt().atZone(zone).toLocalDate();
        closedThrough = SettlementPeriods.periodAt(event.openedAt(), zone).minusMonths(1);
    }

    @EventSourcingHandler
    void on(StandingChargeApplied event) {
        standingChargedThrough = event.day();
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(MeterReadingsRecorded event) {
        for (AcceptedInterval interval : event.intervals()) {
            readings.accept(interval);
            if (!interval.isBaseline()) {
                YearMonth booked = interval.bookedIn(event.firstOpenPeriod());
                long inductive = interval.reactive() == null ? 0 : interval.reactive().inductiveImportVarh();
                openPeriods.put(booked, totalsOf(booked).plus(interval.importWh(), inductive,
                        interval.bankDepositWh() - interval.bankDrawWh()));
            }
        }
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(MeterReplaced event) {
        meterSerial = event.newSerialNumber();
        readings.startNewMeter(event.replacedAt());
    }

    @EventSourcingHandler
    void on(MeterEventsRecorded event) {
        for (MeterEvent e : event.events()) {
            recentMeterEvents.add(e.key());
        }
        while (recentMeterEvents.size() > REMEMBERED_METER_EVENTS) {
            recentMeterEvents.remove(recentMeterEvents.iterator().next());
        }
    }

    @EventSourcingHandler
    void on(SettlementPeriodClosed event) {
        closedThrough = event.period();
        openPeriods.remove(event.period());
        if (event.bankCarriedWh() > 0) {
            YearMonth next = event.period().plusMonths(1);
            openPeriods.put(next, totalsOf(next).plus(0, 0, event.bankCarriedWh()));
        }
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(TradeSettled event) {
        balance = event.balanceAfter();
        if (event.bankWithdrawnWh() > 0) {
            openPeriods.put(event.period(), totalsOf(event.period()).plus(0, 0, -event.bankWithdrawnWh()));
        }
        settledTrades.put(event.tradeId() + "/" + event.role(), event.intervalStart());
        while (settledTrades.size() > REMEMBERED_TRADES) {
            Map.Entry<String, Instant> oldest = settledTrades.entrySet().iterator().next();
            settledTrades.remove(oldest.getKey());
            if (tradesForgottenThrough == null || oldest.getValue().isAfter(tradesForgottenThrough)) {
                tradesForgottenThrough = oldest.getValue();
            }
        }
    }

    @EventSourcingHandler
    void on(AccountToppedUp event) {
        balance = event.balanceAfter();
        debt = event.debtAfter();
        payments.put(event.paymentId(), new TopUpReceipt(event.paymentId(), event.amount(), event.paidAt(),
                event.emergencyCreditRepaid(), event.debtRecovered(), event.balanceAfter(), event.debtAfter(),
                event.at(), false, -1));
    }

    @EventSourcingHandler
    void on(EmergencyCreditActivated event) {
        emergencyCreditActive = true;
    }

    @EventSourcingHandler
    void on(EmergencyCreditRepaid event) {
        emergencyCreditActive = false;
    }

    @EventSourcingHandler
    void on(CreditStateChanged event) {
        creditState = event.to();
        if (event.to() != CreditState.EXHAUSTED) {
            deferral = null;
            deferralReviewAt = null;
        }
    }

    @EventSourcingHandler
    void on(DisconnectionDeferred event) {
        deferral = event.reason();
        deferralReviewAt = event.reviewAt();
    }

    @EventSourcingHandler
    void on(RelayCommandRequested event) {
        relayRequestCount++;
        pendingRelay = new PendingRelay(event.requestId(), event.command(), 1, event.nextAttemptAt(),
                event.expiresAt());
        deferral = null;
        deferralReviewAt = null;
    }

    @EventSourcingHandler
    void on(RelayCommandRetried event) {
        pendingRelay = new PendingRelay(pendingRelay.requestId(), pendingRelay.command(), event.attempt(),
                event.nextAttemptAt(), pendingRelay.expiresAt());
    }

    @EventSourcingHandler
    void on(RelayCommandExpired event) {
        pendingRelay = null;
    }

    @EventSourcingHandler
    void on(RelayCommandWithdrawn event) {
        pendingRelay = null;
    }

    @EventSourcingHandler
    void on(SupplyStateConfirmed event) {
        supply = event.state();
        lastSupplyConfirmationAt = event.at();
        if (pendingRelay != null && pendingRelay.requestId().equals(event.requestId())) {
            pendingRelay = null;
        }
    }
}
