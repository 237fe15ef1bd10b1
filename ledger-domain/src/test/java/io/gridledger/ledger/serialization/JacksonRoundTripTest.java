package io.gridledger.ledger.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridledger.ledger.account.AcceptedInterval;
import io.gridledger.ledger.account.ReactiveEnergy;
import io.gridledger.ledger.account.PeriodCloseOutcome;
import io.gridledger.ledger.account.SettlementPeriodClosed;
import io.gridledger.ledger.account.CloseSettlementPeriod;
import io.gridledger.ledger.account.MeterReplaced;
import io.gridledger.ledger.account.ReplaceMeter;
import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.MeterEventType;
import io.gridledger.ledger.account.MeterEventsRecorded;
import io.gridledger.ledger.account.RecordMeterEvents;
import io.gridledger.ledger.account.AccountCommandOutcome;
import io.gridledger.ledger.account.AccountToppedUp;
import io.gridledger.ledger.account.ActivateEmergencyCredit;
import io.gridledger.ledger.account.ConfirmSupplyState;
import io.gridledger.ledger.account.CreditState;
import io.gridledger.ledger.account.CreditStateChanged;
import io.gridledger.ledger.account.DeferralReason;
import io.gridledger.ledger.account.DisconnectionDeferred;
import io.gridledger.ledger.account.EmergencyCreditActivated;
import io.gridledger.ledger.account.EmergencyCreditRepaid;
import io.gridledger.ledger.account.FriendlyCreditCalendar;
import io.gridledger.ledger.account.LowCreditAlerted;
import io.gridledger.ledger.account.MeterAccountOpened;
import io.gridledger.ledger.account.MeterReadingsRecorded;
import io.gridledger.ledger.account.MeterReadingsRejected;
import io.gridledger.ledger.account.OpenMeterAccount;
import io.gridledger.ledger.account.ReadingsOutcome;
import io.gridledger.ledger.account.RecordMeterReadings;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.RejectedReading;
import io.gridledger.ledger.account.RejectionReason;
import io.gridledger.ledger.account.RelayCommand;
import io.gridledger.ledger.account.RelayCommandExpired;
import io.gridledger.ledger.account.RelayCommandRequested;
import io.gridledger.ledger.account.RelayCommandRetried;
import io.gridledger.ledger.account.RelayCommandWithdrawn;
import io.gridledger.ledger.account.ReviewCreditControl;
import io.gridledger.ledger.account.SettleTrade;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.account.TradeSettled;
import io.gridledger.ledger.account.StandingChargeApplied;
import io.gridledger.ledger.account.SupplyState;
import io.gridledger.ledger.account.SupplyStateConfirmed;
import io.gridledger.ledger.account.TopUpAccount;
import io.gridledger.ledger.account.TopUpReceipt;
import io.gridledger.ledger.tariff.DefineTariffVersion;
import io.gridledger.ledger.tariff.ImportCharge;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;
import io.gridledger.ledger.tariff.TariffVersionDefined;
import io.gridledger.ledger.tariff.TariffVersionOutcome;
import io.gridledger.ledger.value.CustomerId;
import io.gridledger.ledger.value.Energy;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;
import io.gridledger.ledger.value.PaymentId;
import io.gridledger.ledger.value.Percentage;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.ledger.value.WeeklyWindow;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.gridledger.ledger.support.TestTariffs.AMSTERDAM;
import static io.gridledger.ledger.support.TestTariffs.exampleBlockTariff;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUseTariff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon stores commands and events as JSON: every one of them, and every value inside, must come back
 * from JSON equal to what was written.
 */
class JacksonRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final MeterId METER = new MeterId("MTR-0001");
    private static final TariffId TARIFF = new TariffId("tou-2025");
    private static final PaymentId PAYMENT = new PaymentId("pay:2025-03-03.1");
    private static final Instant AT = Instant.parse("2025-03-03T10:16:30.123Z");
    private static final Instant EARLIER = Instant.parse("2025-03-03T10:00:00Z");

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static List<Object> samples() {
        TariffDefinition tou = exampleTimeOfUseTariff();
        TariffDefinition blocks = exampleBlockTariff();
        RegisterReading full = new RegisterReading(AT, 1_001_234, 5_010L, 10L, 0L, 3L, 7L,
                new BigDecimal("230.1"), new BigDecimal("5.25"), new BigDecimal("1.2E+3"));
        RegisterReading minimal = RegisterReading.of(EARLIER, 1_000_000, null);
        ImportCharge charge = new ImportCharge("MON,TUE,WED,THU,FRI 07:00-23:00", 1234, new BigDecimal("0.3100"),
                eur("0.3825"));
        AcceptedInterval baseline = new AcceptedInterval(minimal, null, 0, 0, null, null, List.of(), null, null, 0, 0, null);
        AcceptedInterval charged = new AcceptedInterval(full, EARLIER, 1234, 10, 2, YearMonth.of(2025, 3),
                List.of(charge), YearMonth.of(2025, 3), null, 0, 0, null);
        FriendlyCreditCalendar calendar = FriendlyCreditCalendar.withHolidays(
                Set.of(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26)));
        TariffVersion version = new TariffVersion(1, tou, EARLIER);
        OpenMeterAccount open = new OpenMeterAccount(METER, new CustomerId("CUST-42"), TARIFF, AMSTERDAM, eur("5"),
                eur("10"), true, eur("120.5"), Percentage.of("12.5"), true, calendar, AT);
        return List.of(
                // tariff commands, events and results
                new DefineTariffVersion(TARIFF, tou, AT),
                new DefineTariffVersion(TARIFF, blocks, AT),
                new TariffVersionDefined(TARIFF, 1, tou, AT),
                new TariffVersionDefined(TARIFF, 2, blocks, AT),
                new TariffVersionOutcome(2, true),
                new TariffHistory(TARIFF, List.of(version, new TariffVersion(2, blocks, AT))),
                version,
                tou,
                tou.importPricing(),
                tou.importPricing().timeOfUse().get(0),
                blocks.importPricing().blocks().get(2),
                charge,
                // account commands
                open,
                new RecordMeterReadings(METER, List.of(minimal, full), AT),
                new TopUpAccount(METER, PAYMENT, eur("20.0001"), EARLIER, AT),
                new TopUpAccount(METER, PAYMENT, eur("20"), null, AT),
                new ActivateEmergencyCredit(METER, AT),
                new ConfirmSupplyState(METER, SupplyState.DISCONNECTED, AT),
                new ReviewCreditControl(METER, AT),
                // account events
                new MeterAccountOpened(METER, open.customerId(), TARIFF, AMSTERDAM, Currency.getInstance("EUR"),
                        eur("5"), eur("10"), true, eur("120.5"), Percentage.of("12.5"), true, calendar, AT,
                        new io.gridledger.ledger.value.RetailerId("north-energy")),
                new MeterAccountOpened(METER, open.customerId(), TARIFF, AMSTERDAM, Currency.getInstance("EUR"),
                        eur("0"), eur("0"), false, eur("0"), Percentage.zero(), false, FriendlyCreditCalendar.none(),
                        AT, null),
                new MeterReadingsRecorded(METER, List.of(baseline, charged), eur("0.3825"), eur("0"), eur("-19.6175"), 3, YearMonth.of(2025, 3), AT),
                new MeterReadingsRejected(METER, List.of(
                        new RejectedReading(EARLIER, RejectionReason.OUT_OF_ORDER, "at or before 10:15"),
                        new RejectedReading(AT, RejectionReason.REGISTER_WENT_BACKWARDS, "activeImportWh 1 < 2")), AT),
                new AccountToppedUp(METER, PAYMENT, eur("10"), EARLIER, eur("3"), eur("1.75"), eur("5.25"),
                        eur("48.25"), YearMonth.of(2025, 3), AT),
                new AccountToppedUp(METER, PAYMENT, eur("10"), null, eur("0"), eur("0"), eur("10"), eur("0"), YearMonth.of(2025, 3), AT),
                new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), 1, eur("0.25"), eur("19.75"), AT),
                new StandingChargeApplied(METER, LocalDate.of(2025, 3, 4), null, eur("0"), eur("19.75"), AT),
                new EmergencyCreditActivated(METER, eur("10"), true, AT),
                new EmergencyCreditRepaid(METER, AT),
                new CreditStateChanged(METER, CreditState.OK, CreditState.EXHAUSTED, eur("-1"), AT),
                new LowCreditAlerted(METER, eur("4.9999"), eur("5"), AT),
                new DisconnectionDeferred(METER, DeferralReason.FRIENDLY_PERIOD, eur("-1"), EARLIER, AT),
                new DisconnectionDeferred(METER, DeferralReason.VULNERABLE_CUSTOMER, eur("-1"), null, AT),
                new RelayCommandRequested(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, AT,
                        AT.plusSeconds(900), AT.plusSeconds(86_400)),
                new RelayCommandRetried(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, 2, AT,
                        AT.plusSeconds(900)),
                new RelayCommandExpired(METER, "MTR-0001/relay/1", RelayCommand.DISCONNECT, AT),
                new RelayCommandWithdrawn(METER, "MTR-0001/relay/2", RelayCommand.RECONNECT, AT),
                new SupplyStateConfirmed(METER, SupplyState.DISCONNECTED, "MTR-0001/relay/1", AT),
                new SupplyStateConfirmed(METER, SupplyState.CONNECTED, null, AT),
                new RecordMeterEvents(METER, List.of(new MeterEvent(MeterEventType.COVER_OPENED, EARLIER, null)), AT),
                new MeterEventsRecorded(METER, List.of(new MeterEvent(MeterEventType.VOLTAGE_SAG, EARLIER, "L2 183 V 320 ms"),
                        new MeterEvent(MeterEventType.STRONG_MAGNETIC_FIELD, AT, null)), AT),
                // results
                new ReadingsOutcome(2, 1, 1, 17),
                new AccountCommandOutcome(17),
                new TopUpReceipt(PAYMENT, eur("10"), EARLIER, eur("3"), eur("1.75"), eur("5.25"), eur("48.25"), AT,
                        true, 17),
                // values
                Energy.ofWh(1234),
                new WeeklyWindow.SecondRange(0, 3600),
                new PaymentId("p-1"),
                new io.gridledger.ledger.value.RetailerId("north-energy"),
                new io.gridledger.ledger.value.CustomerId("CUST-42"),
                METER, TARIFF, eur("12.3456"), Percentage.of("12.5"),
                new WeeklyWindow(Set.of(java.time.DayOfWeek.MONDAY), java.time.LocalTime.of(18, 0),
                        java.time.LocalTime.of(8, 0)),
                calendar, baseline, charged, full, minimal,
                new RejectedReading(AT, RejectionReason.AHEAD_OF_LEDGER_CLOCK, "check the meter's clock"),
                new ReactiveEnergy(10, 0, 3, 7, new BigDecimal("0.95")),
                new io.gridledger.ledger.tariff.ReactivePricing(new BigDecimal("0.0200"), new BigDecimal("0.48")),
                new MeterEvent(MeterEventType.STRONG_MAGNETIC_FIELD, AT, "phase L1"),
                new io.gridledger.ledger.account.MeterClockTolerance(java.time.Duration.ofMinutes(5)),
                // meter replacement and period close
                new ReplaceMeter(METER, "SN-2", full, AT, AT),
                new ReplaceMeter(METER, "SN-3", null, EARLIER, AT),
                new MeterReplaced(METER, "SN-2", EARLIER, EARLIER, AT),
                new CloseSettlementPeriod(METER, YearMonth.of(2025, 2), AT),
                new SettlementPeriodClosed(METER, YearMonth.of(2025, 2), 2, 250_000, 1_200, 800, 400, eur("0.0800"),
                        3_000, 1_000, eur("0.0700"), 2_000, eur("41.2500"), false, AT),
                new PeriodCloseOutcome(PeriodCloseOutcome.Status.CLOSED, 17),
                // market
                new io.gridledger.ledger.value.CommunityId("solar-park"),
                new io.gridledger.ledger.value.OrderId("ord-1"),
                MARKET_RULES, MARKET_ORDER, MARKET_MATCH,
                new io.gridledger.ledger.market.PlaceOrder(COMMUNITY, EARLIER, MARKET_RULES, MARKET_ORDER.id(),
                        METER, io.gridledger.ledger.market.Side.SELL, 2_000, new BigDecimal("0.1800"), AT),
                new io.gridledger.ledger.market.CancelOrder(COMMUNITY, EARLIER, MARKET_ORDER.id(), METER, AT),
                new io.gridledger.ledger.market.ClearInterval(COMMUNITY, EARLIER, AT),
                new io.gridledger.ledger.market.MarketIntervalOpened(COMMUNITY, EARLIER, MARKET_RULES),
                new io.gridledger.ledger.market.OrderPlaced(COMMUNITY, EARLIER, MARKET_ORDER, AT),
                new io.gridledger.ledger.market.OrderCancelled(COMMUNITY, EARLIER, MARKET_ORDER.id(), METER, AT),
                new io.gridledger.ledger.market.IntervalCleared(COMMUNITY, EARLIER, new BigDecimal("0.2500"),
                        List.of(MARKET_MATCH), 1_000, AT),
                new io.gridledger.ledger.market.IntervalCleared(COMMUNITY, EARLIER, null, List.of(), 0, AT),
                new io.gridledger.ledger.market.Clearing(new BigDecimal("0.2500"), List.of(MARKET_MATCH)),
                new io.gridledger.ledger.market.MarketInterval.OrderOutcome(MARKET_ORDER, true),
                io.gridledger.ledger.market.TradeAmounts.of(new BigDecimal("0.2500"), 1_000, new BigDecimal("0.0350"),
                        new BigDecimal("0.0040"), Currency.getInstance("EUR")),
                new io.gridledger.ledger.market.DeliveryAllocation.Delivered(MARKET_MATCH, 750, 50),
                MEASURED,
                TRADE_SETTLEMENT,
                CERTIFICATE,
                new io.gridledger.ledger.market.SettleInterval(COMMUNITY, EARLIER, List.of(MEASURED), AT),
                new io.gridledger.ledger.market.IntervalSettled(COMMUNITY, EARLIER, AT, new BigDecimal("0.2500"),
                        List.of(TRADE_SETTLEMENT), List.of(MEASURED), List.of(new MeterId("MTR-0009")),
                        List.of(CERTIFICATE), AT),
                new SettleTrade(METER, "solar-park@x#1", TradeRole.SELLER, EARLIER, AT, 1_000, 750, eur("0.1875"), eur("0.1845"),
                        eur("0.06"), 0, eur("0.005"), AT),
                new TradeSettled(METER, "solar-park@x#1", TradeRole.BUYER, EARLIER, 1_000, 750, eur("0.1875"), eur("0.2137"), eur("0.225"),
                        0, 0, eur("0"), eur("0"), eur("0.0113"), eur("10.0113"), YearMonth.of(2025, 3), AT),
                // community
                STANDING,
                new io.gridledger.ledger.community.DefineCommunity(COMMUNITY, new io.gridledger.ledger.value.RetailerId("north"),
                        "Solar park", MARKET_RULES, AT),
                new io.gridledger.ledger.community.CommunityDefined(COMMUNITY, new io.gridledger.ledger.value.RetailerId("north"),
                        "Solar park", MARKET_RULES, AT),
                new io.gridledger.ledger.community.JoinCommunity(METER, COMMUNITY, AT),
                new io.gridledger.ledger.community.LeaveCommunity(METER, AT),
                new io.gridledger.ledger.community.SetStandingOrder(METER, STANDING, AT),
                new io.gridledger.ledger.community.CancelStandingOrder(METER, AT),
                new io.gridledger.ledger.community.CommunityJoined(METER, COMMUNITY, AT),
                new io.gridledger.ledger.community.CommunityLeft(METER, COMMUNITY, AT),
                new io.gridledger.ledger.community.StandingOrderSet(METER, COMMUNITY, STANDING, AT),
                new io.gridledger.ledger.community.StandingOrderCancelled(METER, COMMUNITY, AT));
    }

    private static final io.gridledger.ledger.community.StandingOrder STANDING =
            new io.gridledger.ledger.community.StandingOrder(io.gridledger.ledger.market.Side.BUY,
                    new BigDecimal("0.25"), 2_000L, 10_000L);
    private static final io.gridledger.ledger.market.MeasuredInterval MEASURED =
            new io.gridledger.ledger.market.MeasuredInterval(METER, 1_000, 400, eur("0.3"), eur("0.032"), 0);
    private static final io.gridledger.ledger.market.TradeSettlement TRADE_SETTLEMENT =
            new io.gridledger.ledger.market.TradeSettlement("solar-park@x#1", new MeterId("MTR-0002"), METER, 1_000,
                    750, 50, io.gridledger.ledger.market.TradeAmounts.of(new BigDecimal("0.2500"), 750,
                    new BigDecimal("0.0350"), new BigDecimal("0.0040"), Currency.getInstance("EUR")), eur("0.225"),
                    eur("0.06"), 0, eur("0.005"), false);
    private static final io.gridledger.ledger.market.GreenCertificate CERTIFICATE =
            new io.gridledger.ledger.market.GreenCertificate("GC-solar-park-1-1", METER, "SOLAR_PV", EARLIER, AT, 750,
                    new MeterId("MTR-0002"), io.gridledger.ledger.market.CertificateStatus.RETIRED, AT, AT,
                    "solar-park@x#1");

    private static final io.gridledger.ledger.value.CommunityId COMMUNITY =
            new io.gridledger.ledger.value.CommunityId("solar-park");
    private static final io.gridledger.ledger.market.MarketRules MARKET_RULES =
            new io.gridledger.ledger.market.MarketRules(Currency.getInstance("EUR"),
                    io.gridledger.ledger.market.MarketRules.DEFAULT_INTERVAL,
                    io.gridledger.ledger.market.MarketRules.DEFAULT_GATE_CLOSURE, new BigDecimal("0.0350"),
                    new BigDecimal("0.0040"), new BigDecimal("0.1"), true);
    private static final io.gridledger.ledger.market.Order MARKET_ORDER = io.gridledger.ledger.market.Order.sell(
            "ord-1", "MTR-0001", 2_000, "0.1800", 3);
    private static final io.gridledger.ledger.market.Match MARKET_MATCH = new io.gridledger.ledger.market.Match(
            new io.gridledger.ledger.value.OrderId("ord-2"), new MeterId("MTR-0002"),
            new io.gridledger.ledger.value.OrderId("ord-1"), METER, 1_000);

    static Stream<Named<Object>> namedSamples() {
        return samples().stream().map(s -> Named.of(s.getClass().getSimpleName() + " " + s, s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void comesBackFromJsonUnchanged(Object sample) throws Exception {
        String json = MAPPER.writeValueAsString(sample);
        Object back = MAPPER.readValue(json, sample.getClass());

        assertThat(back).as(json).isEqualTo(sample);
    }

    @Test
    void writesInstantsAndZonesAsText() throws Exception {
        String json = MAPPER.writeValueAsString(new ReviewCreditControl(METER, AT));
        assertThat(json).contains("\"2025-03-03T10:16:30.123Z\"");
        assertThat(MAPPER.writeValueAsString(exampleTimeOfUseTariff())).contains("\"Europe/Amsterdam\"");
    }

    @Test
    void everyPublicRecordOfTheDomainHasASample() throws Exception {
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        List<Class<?>> missing = new ArrayList<>();
        for (String pkg : List.of("io.gridledger.ledger.account", "io.gridledger.ledger.tariff",
                "io.gridledger.ledger.value", "io.gridledger.ledger.market",
                "io.gridledger.ledger.community")) {
            for (Class<?> type : publicRecordsIn(pkg)) {
                if (!sampled.contains(type)) {
                    missing.add(type);
                }
            }
        }
        assertThat(missing).as("records without a JSON round-trip sample").isEmpty();
    }

    /** Every public record of the package, from main classes and test classes alike (all class path roots). */
    private static List<Class<?>> publicRecordsIn(String pkg) throws Exception {
        List<URL> roots = java.util.Collections.list(
                JacksonRoundTripTest.class.getClassLoader().getResources(pkg.replace('.', '/')));
        assertThat(roots).isNotEmpty();
        List<Class<?>> records = new ArrayList<>();
        for (URL url : roots) {
            if (!"file".equals(url.getProtocol())) {
                continue;
            }
            File[] files = new File(url.toURI()).listFiles((dir, name) -> name.endsWith(".class"));
            for (File f : Arrays.stream(files == null ? new File[0] : files).sorted().toList()) {
                Class<?> type = Class.forName(pkg + "." + f.getName().replace(".class", "").replace('/', '.'),
                        false, JacksonRoundTripTest.class.getClassLoader());
                if (type.isRecord() && Modifier.isPublic(type.getModifiers()) && !type.isLocalClass()) {
                    records.add(type);
                }
            }
        }
        assertThat(records).as("records in " + pkg).isNotEmpty();
        return records;
    }
}
