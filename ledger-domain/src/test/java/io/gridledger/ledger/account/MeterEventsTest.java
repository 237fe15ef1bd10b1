package io.gridledger.ledger.account;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.OPENED;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tamper and power-quality events: recorded once, whatever the meter or the network repeats. */
class MeterEventsTest {

    private static final Instant RECEIVED = OPENED.plusSeconds(600);
    private static final MeterEvent COVER = new MeterEvent(MeterEventType.COVER_OPENED, OPENED.plusSeconds(60), null);
    private static final MeterEvent SAG = new MeterEvent(MeterEventType.VOLTAGE_SAG, OPENED.plusSeconds(120),
            "L1 184 V for 240 ms");
    private static final MeterEvent MAGNET = new MeterEvent(MeterEventType.STRONG_MAGNETIC_FIELD,
            OPENED.plusSeconds(180), null);

    private FixtureConfiguration<MeterAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(tariff(flat("1.0000"), "0", VALID_FROM));
    }

    @Test
    void eventsAreRecordedInTheOrderTheMeterReportedThem() {
        fixture.givenCommands(account().open())
                .when(new RecordMeterEvents(METER, List.of(COVER, SAG), RECEIVED))
                .expectEvents(new MeterEventsRecorded(METER, List.of(COVER, SAG), RECEIVED));
    }

    @Test
    void aRepeatedReportRecordsOnlyWhatIsNew() {
        fixture.givenCommands(account().open(), new RecordMeterEvents(METER, List.of(COVER, SAG), RECEIVED))
                .when(new RecordMeterEvents(METER, List.of(SAG, MAGNET, MAGNET), RECEIVED.plusSeconds(60)))
                .expectEvents(new MeterEventsRecorded(METER, List.of(MAGNET), RECEIVED.plusSeconds(60)));
    }

    @Test
    void aReplayedReportRecordsNothing() {
        fixture.givenCommands(account().open(), new RecordMeterEvents(METER, List.of(COVER, SAG), RECEIVED))
                .when(new RecordMeterEvents(METER, List.of(COVER, SAG), RECEIVED.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void tamperIsToldApartFromPowerQuality() {
        assertThat(MeterEventType.COVER_OPENED.tamper()).isTrue();
        assertThat(MeterEventType.STRONG_MAGNETIC_FIELD.tamper()).isTrue();
        assertThat(MeterEventType.VOLTAGE_SWELL.tamper()).isFalse();
        assertThatThrownBy(() -> new RecordMeterEvents(METER, List.of(), RECEIVED))
                .isInstanceOf(InvalidAccountCommandException.class);
    }
}
