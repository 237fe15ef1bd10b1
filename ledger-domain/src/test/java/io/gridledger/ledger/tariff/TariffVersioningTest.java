package io.gridledger.ledger.tariff;

import io.gridledger.ledger.value.RetailerId;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import static io.gridledger.ledger.support.EventAssertions.satisfies;
import static io.gridledger.ledger.support.TestTariffs.exampleBlocks;
import static io.gridledger.ledger.support.TestTariffs.exampleTimeOfUseTariff;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

class TariffVersioningTest {

    private static final TariffId ID = new TariffId("tou-2025");
    private static final Instant DEFINED = Instant.parse("2024-12-15T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-02-20T10:00:00Z");

    private FixtureConfiguration<Tariff> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tariff.class);
    }

    @Test
    void theFirstDefinitionCreatesVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new DefineTariffVersion(ID, exampleTimeOfUseTariff(), DEFINED))
                .expectEvents(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED))
                .expectResultMessagePayload(new TariffVersionOutcome(1, true));
    }

    @Test
    void anIdenticalRedefinitionCreatesNoNewVersion() {
        fixture.given(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED))
                .when(new DefineTariffVersion(ID, exampleTimeOfUseTariff(), LATER))
                .expectNoEvents()
                .expectResultMessagePayload(new TariffVersionOutcome(1, false));
    }

    @Test
    void aChangedDefinitionBecomesTheNextVersion() {
        TariffDefinition march = tariff(exampleBlocks(), "0.2600", Instant.parse("2025-03-01T00:00:00Z"));
        fixture.given(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED))
                .when(new DefineTariffVersion(ID, march, LATER))
                .expectEvents(new TariffVersionDefined(ID, 2, march, LATER))
                .expectResultMessagePayload(new TariffVersionOutcome(2, true));
    }

    @Test
    void comparesARedefinitionWithTheLatestVersion() {
        TariffDefinition v2 = tariff(exampleBlocks(), "0.2600", Instant.parse("2025-03-01T00:00:00Z"));
        fixture.given(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED),
                        new TariffVersionDefined(ID, 2, v2, LATER))
                .when(new DefineTariffVersion(ID, v2, LATER.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(new TariffVersionOutcome(2, false));
    }

    @Test
    void theCurrencyCannotChange() {
        TariffDefinition v1 = exampleTimeOfUseTariff();
        TariffDefinition inPounds = new TariffDefinition(Currency.getInstance("GBP"), v1.timezone(),
                v1.validFrom(), v1.standingChargePerDay(), v1.taxPercent(), v1.importPricing(),
                v1.exportPricePerKwh());
        fixture.given(new TariffVersionDefined(ID, 1, v1, DEFINED))
                .when(new DefineTariffVersion(ID, inPounds, LATER))
                .expectNoEvents()
                .expectException(satisfies(InvalidTariffException.class,
                        e -> assertThat(e.field()).isEqualTo("currency")));
    }

    @Test
    void anotherCurrencyIsFineForANewTariff() {
        TariffDefinition v1 = exampleTimeOfUseTariff();
        TariffDefinition inPounds = new TariffDefinition(Currency.getInstance("GBP"), v1.timezone(),
                v1.validFrom(), new BigDecimal("0.60"), v1.taxPercent(), v1.importPricing(), v1.exportPricePerKwh());
        fixture.givenNoPriorActivity()
                .when(new DefineTariffVersion(ID, inPounds, DEFINED))
                .expectEvents(new TariffVersionDefined(ID, 1, inPounds, DEFINED));
    }

    @Test
    void onlyTheRetailerThatOwnsATariffAddsVersions() {
        RetailerId north = new RetailerId("north-energy");
        TariffDefinition march = tariff(exampleBlocks(), "0.2600", Instant.parse("2025-03-01T00:00:00Z"));
        fixture.given(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED, north))
                .when(new DefineTariffVersion(ID, march, LATER, new RetailerId("south-power")))
                .expectNoEvents()
                .expectException(TariffOfAnotherRetailerException.class);
        fixture.given(new TariffVersionDefined(ID, 1, exampleTimeOfUseTariff(), DEFINED, north))
                .when(new DefineTariffVersion(ID, march, LATER, north))
                .expectEvents(new TariffVersionDefined(ID, 2, march, LATER, north));
    }
}
