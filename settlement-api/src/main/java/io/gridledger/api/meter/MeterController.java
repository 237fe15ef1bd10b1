package io.gridledger.api.meter;

import io.gridledger.api.history.AccountHistory;
import io.gridledger.api.input.Fields;
import io.gridledger.api.payment.TopUps;
import io.gridledger.api.problem.AccountAlreadyOpenedException;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.api.problem.NotFoundException;
import io.gridledger.ledger.account.AccountCommandOutcome;
import io.gridledger.ledger.account.ActivateEmergencyCredit;
import io.gridledger.ledger.account.ConfirmSupplyState;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.api.audit.Audited;
import io.gridledger.api.security.Caller;
import io.gridledger.ledger.account.MeterClockTolerance;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.account.ReadingsOutcome;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.ReplaceMeter;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.ledger.account.TopUpReceipt;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.ledger.value.WeeklyWindow;
import io.gridledger.projections.balance.BalanceFold;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.balance.BalanceView;
import io.gridledger.projections.consumption.ConsumptionQueries;
import io.gridledger.projections.consumption.Resolution;
import io.gridledger.projections.ledger.LedgerEntryView;
import io.gridledger.projections.ledger.LedgerLines;
import io.gridledger.projections.ledger.LedgerQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prepaid meter accounts. Every meter-scoped endpoint is addressed by {@code /meters/{meterId}} so
 * that access can be authorized per meter. Write endpoints answer once the balance view shows the
 * change (bounded wait), so a following GET reads it.
 */
@RestController
@RequestMapping("/api/v1/meters")
public class MeterController {

    static final int MAX_READINGS_PER_DELIVERY = 10_000;
    private static final Duration MAX_SERIES_SPAN = Duration.ofDays(400);
    /** How far a meter's clock may run ahead of the ledger's before its time stamps are refused. */

    private final CommandGateway commands;
    private final TopUps topUps;
    private final TariffBook tariffs;
    private final BalanceQueries balances;
    private final LedgerQueries ledger;
    private final ConsumptionQueries consumption;
    private final BalanceCatchUp catchUp;
    private final MeterRegistry metrics;
    private final AccountHistory history;
    private final Clock clock;

    private final MeterClockTolerance clockTolerance;

    public MeterController(CommandGateway commands, TariffBook tariffs, BalanceQueries balances, LedgerQueries ledger,
                           ConsumptionQueries consumption, BalanceCatchUp catchUp, MeterRegistry metrics,
                           AccountHistory history, TopUps topUps, Clock clock, MeterClockTolerance clockTolerance) {
        this.clockTolerance = clockTolerance;
        this.history = history;
        this.topUps = topUps;
        this.commands = commands;
        this.tariffs = tariffs;
        this.balances = balances;
        this.ledger = ledger;
        this.consumption = consumption;
        this.catchUp = catchUp;
        this.metrics = metrics;
        this.clock = clock;
    }

    @PostMapping
    @Audited("ACCOUNT_OPENING")
    public ResponseEntity<MeterResponses.Balance> open(@RequestBody MeterRequests.OpenAccount body) {
        Fields.required(body, "body");
        MeterId meterId = Fields.value(body.meterId(), "meterId", MeterId::new);
        CustomerId customerId = Fields.value(body.customerId(), "customerId", CustomerId::new);
        TariffId tariffId = Fields.value(body.tariffId(), "tariffId", TariffId::new);
        ZoneId zone = Fields.zone(body.timezone(), "timezone");
        // accounts are opened for the calling operator's retailer; the request body cannot name another
        RetailerId retailer = Caller.current().requireRetailer();
        TariffHistory tariff = tariffs.find(tariffId)
                .filter(found -> found.retailerId().equals(retailer))
                .orElseThrow(() -> new NotFoundException("tariffId", "tariff '" + tariffId + "' is not defined"));
        Currency currency = tariff.latest().definition().currency();
        Money zero = Money.zero(currency);
        Percentage recovery = body.debtRecoveryPercent() == null ? Percentage.zero()
                : Fields.value(body.debtRecoveryPercent(), "debtRecoveryPercent", Percentage::of);
        OpenMeterAccount command = new OpenMeterAccount(meterId, customerId, tariffId, zone,
                body.lowCreditThreshold() == null ? zero : Fields.money(body.lowCreditThreshold(), "lowCreditThreshold"),
                body.emergencyCreditLimit() == null ? zero
                        : Fields.money(body.emergencyCreditLimit(), "emergencyCreditLimit"),
                Boolean.TRUE.equals(body.autoEmergencyCredit()),
                body.debt() == null ? zero : Fields.money(body.debt(), "debt"),
                recovery,
                Boolean.TRUE.equals(body.vulnerable()),
                friendlyCredit(body.friendlyCredit()),
                clock.instant(),
                retailer);
        if (balances.findLastSequence(meterId.value()) >= 0) {
            throw new AccountAlreadyOpenedException(meterId.value());
        }
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | org.axonframework.modelling.command.ConcurrencyException e) {
            throw new AccountAlreadyOpenedException(meterId.value());
        }
        catchUp.await(meterId.value(), 0);
        return ResponseEntity.created(URI.create("/api/v1/meters/" + meterId)).body(balanceOf(meterId.value()));
    }

    /** The meter view now, or with {@code asOf} as it stood then, computed from the event store. */
    @GetMapping("/{meterId}")
    public MeterResponses.Balance get(@PathVariable String meterId, @RequestParam(required = false) String asOf) {
        Instant at = Fields.optionalInstant(asOf, "asOf");
        if (at == null) {
            return balanceOf(meterId);
        }
        view(meterId);
        BalanceFold fold = new BalanceFold();
        for (DomainEventMessage<?> m : history.eventsOf(meterId, at)) {
            fold.add(m.getPayload(), m.getSequenceNumber(), m.getTimestamp());
        }
        return MeterResponses.Balance.of(fold.view().orElseThrow(() -> new NotFoundException("asOf",
                "meter account '" + meterId + "' was not open yet at " + at)));
    }

    @PostMapping("/{meterId}/readings")
    public ResponseEntity<MeterResponses.ReadingsAccepted> readings(@PathVariable String meterId,
                                                                   @RequestBody MeterRequests.Readings body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        List<MeterRequests.Reading> raw = Fields.required(body.readings(), "readings");
        if (raw.isEmpty() || raw.size() > MAX_READINGS_PER_DELIVERY) {
            throw new InvalidRequestException("readings",
                    "a delivery holds 1 to " + MAX_READINGS_PER_DELIVERY + " readings, not " + raw.size());
        }
        List<RegisterReading> readings = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            readings.add(reading(Fields.required(raw.get(i), "readings[" + i + "]"), "readings[" + i + "]"));
        }
        ReadingsOutcome outcome = commands.sendAndWait(new RecordMeterReadings(id, readings, clock.instant()));
        metrics.counter("gridledger.readings", "outcome", "accepted").increment(outcome.accepted());
        metrics.counter("gridledger.readings", "outcome", "duplicate").increment(outcome.duplicate());
        metrics.counter("gridledger.readings", "outcome", "rejected").increment(outcome.rejected());
        catchUp.await(id.value(), outcome.sequence());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(MeterResponses.ReadingsAccepted.of(outcome));
    }

    /** The meter was swapped in the field: the account carries on, the new meter's first reading is a baseline. */
    @PostMapping("/{meterId}/replacements")
    @Audited("METER_REPLACEMENT")
    public MeterResponses.Balance replacement(@PathVariable String meterId,
                                              @RequestBody MeterRequests.Replacement body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        String serial = Fields.serialNumber(body.newSerialNumber(), "newSerialNumber");
        Instant replacedAt = Fields.instant(body.replacedAt(), "replacedAt");
        Instant now = clock.instant();
        if (replacedAt.isAfter(now)) {
            throw new InvalidRequestException("replacedAt", "a replacement cannot be in the future");
        }
        RegisterReading finalReading = body.finalReading() == null ? null
                : reading(body.finalReading(), "finalReading");
        AccountCommandOutcome outcome = commands.sendAndWait(
                new ReplaceMeter(id, serial, finalReading, replacedAt, now));
        catchUp.await(id.value(), outcome.sequence());
        return balanceOf(id.value());
    }

    @PostMapping("/{meterId}/top-ups")
    @Audited("TOP_UP")
    public ResponseEntity<MeterResponses.Receipt> topUp(@PathVariable String meterId,
                                                      @RequestBody MeterRequests.TopUp body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        PaymentId paymentId = Fields.value(body.paymentId(), "paymentId", PaymentId::new);
        Money amount = Fields.money(body.amount(), "amount");
        if (!amount.isPositive()) {
            throw new InvalidRequestException("amount.amount", "a top-up amount must be positive");
        }
        Instant paidAt = Fields.optionalInstant(body.paidAt(), "paidAt");
        TopUpReceipt receipt = topUps.credit(id, paymentId, amount, paidAt);
        return ResponseEntity.status(receipt.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(MeterResponses.Receipt.of(receipt));
    }

    @PostMapping("/{meterId}/emergency-credit")
    @Audited("EMERGENCY_CREDIT")
    public MeterResponses.Balance emergencyCredit(@PathVariable String meterId) {
        MeterId id = existing(meterId);
        AccountCommandOutcome outcome = commands.sendAndWait(new ActivateEmergencyCredit(id, clock.instant()));
        catchUp.await(id.value(), outcome.sequence());
        return balanceOf(id.value());
    }

    @PostMapping("/{meterId}/supply-confirmations")
    @Audited("SUPPLY_CONFIRMATION")
    public MeterResponses.Balance supplyConfirmation(@PathVariable String meterId,
                                                     @RequestBody MeterRequests.SupplyConfirmation body) {
        MeterId id = existing(meterId);
        Fields.required(body, "body");
        SupplyState state;
        try {
            state = SupplyState.valueOf(Fields.required(body.state(), "state").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state", "state must be CONNECTED or DISCONNECTED");
        }
        Instant now = clock.instant();
        Instant at = body.at() == null ? now : Fields.instant(body.at(), "at");
        if (at.isAfter(now.plus(clockTolerance.maxAhead()))) {
            throw new InvalidRequestException("at", "a confirmation cannot be more than "
                    + clockTolerance.maxAhead() + " ahead of the ledger's clock (" + now
                    + "); check the meter's clock");
        }
        AccountCommandOutcome outcome = commands.sendAndWait(new ConfirmSupplyState(id, state, at, now));
        catchUp.await(id.value(), outcome.sequence());
        return balanceOf(id.value());
    }

    @GetMapping("/{meterId}/ledger")
    public MeterResponses.Ledger ledger(@PathVariable String meterId, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String asOf) {
        BalanceView view = view(meterId);
        Instant f = Fields.optionalInstant(from, "from");
        Instant t = Fields.optionalInstant(to, "to");
        Instant at = Fields.optionalInstant(asOf, "asOf");
        if (f != null && t != null && !f.isBefore(t)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        List<LedgerEntryView> entries;
        if (at == null) {
            entries = ledger.findEntries(meterId, f, t);
        } else {
            entries = new ArrayList<>();
            for (DomainEventMessage<?> m : history.eventsOf(meterId, at)) {
                for (LedgerEntryView e : LedgerLines.of(m.getPayload(), m.getSequenceNumber())) {
                    if ((f == null || !e.at().isBefore(f)) && (t == null || e.at().isBefore(t))) {
                        entries.add(e);
                    }
                }
            }
        }
        return new MeterResponses.Ledger(meterId, view.currency(), f, t, at,
                entries.stream().map(MeterResponses.Entry::of).toList());
    }

    @GetMapping("/{meterId}/consumption")
    public MeterResponses.Consumption consumption(@PathVariable String meterId,
                                                  @RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to,
                                                  @RequestParam(required = false, defaultValue = "PT1H") String resolution) {
        BalanceView view = view(meterId);
        Resolution r = Resolution.parse(resolution).orElseThrow(() -> new InvalidRequestException("resolution",
                "resolution must be PT15M, PT1H or P1D"));
        Instant t = to == null ? clock.instant() : Fields.instant(to, "to");
        Instant f = from == null ? t.minus(Duration.ofDays(1)) : Fields.instant(from, "from");
        if (!f.isBefore(t)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        if (Duration.between(f, t).compareTo(MAX_SERIES_SPAN) > 0) {
            throw new InvalidRequestException("from", "a series spans at most " + MAX_SERIES_SPAN.toDays() + " days");
        }
        ZoneId zone = ZoneId.of(view.timezone());
        return new MeterResponses.Consumption(meterId, r.name(), view.timezone(), f, t,
                consumption.findSeries(meterId, f, t, r, zone).stream()
                        .map(b -> MeterResponses.Bucket.of(b, view.currency())).toList());
    }

    private MeterId existing(String meterId) {
        MeterId id = Fields.value(meterId, "meterId", MeterId::new);
        view(meterId);
        return id;
    }

    private BalanceView view(String meterId) {
        return balances.findBalance(meterId).orElseThrow(() -> new NotFoundException("meterId",
                "no meter account '" + meterId + "'; open it with POST /api/v1/meters"));
    }

    private MeterResponses.Balance balanceOf(String meterId) {
        return MeterResponses.Balance.of(view(meterId));
    }

    private static RegisterReading reading(MeterRequests.Reading r, String field) {
        Instant at = Fields.instant(r.at(), field + ".at");
        long importWh = Fields.required(r.activeImportWh(), field + ".activeImportWh");
        nonNegative(importWh, field + ".activeImportWh");
        nonNegative(r.activeExportWh(), field + ".activeExportWh");
        nonNegative(r.reactiveQ1Varh(), field + ".reactiveQ1Varh");
        nonNegative(r.reactiveQ2Varh(), field + ".reactiveQ2Varh");
        nonNegative(r.reactiveQ3Varh(), field + ".reactiveQ3Varh");
        nonNegative(r.reactiveQ4Varh(), field + ".reactiveQ4Varh");
        try {
            return new RegisterReading(at, importWh, r.activeExportWh(), r.reactiveQ1Varh(), r.reactiveQ2Varh(),
                    r.reactiveQ3Varh(), r.reactiveQ4Varh(), r.voltageV(), r.currentA(), r.powerW());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, field + ": " + e.getMessage());
        }
    }

    private static void nonNegative(Long value, String field) {
        if (value != null && value < 0) {
            throw new InvalidRequestException(field, field + " is a cumulative register and cannot be negative");
        }
    }

    private static FriendlyCreditCalendar friendlyCredit(MeterRequests.FriendlyCredit json) {
        if (json == null) {
            return FriendlyCreditCalendar.standard();
        }
        Set<LocalDate> holidays = new HashSet<>();
        if (json.holidays() != null) {
            for (int i = 0; i < json.holidays().size(); i++) {
                holidays.add(Fields.date(json.holidays().get(i), "friendlyCredit.holidays[" + i + "]"));
            }
        }
        if (json.weekly() == null) {
            return FriendlyCreditCalendar.withHolidays(holidays);
        }
        List<WeeklyWindow> weekly = new ArrayList<>();
        for (int i = 0; i < json.weekly().size(); i++) {
            String f = "friendlyCredit.weekly[" + i + "]";
            MeterRequests.Window w = Fields.required(json.weekly().get(i), f);
            weekly.add(new WeeklyWindow(Fields.days(w.days(), f + ".days"), Fields.localTime(w.from(), f + ".from"),
                    Fields.localTime(w.to(), f + ".to")));
        }
        return new FriendlyCreditCalendar(weekly, holidays);
    }
}
