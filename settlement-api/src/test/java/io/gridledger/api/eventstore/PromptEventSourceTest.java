package io.gridledger.api.eventstore;

import io.gridledger.ledger.tariff.DefineTariffVersion;
import io.gridledger.ledger.tariff.ImportPricing;
import io.gridledger.ledger.tariff.PriceBlock;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.testsupport.TestClock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models' source signals a committed event to its stream, instead of leaving it to a poll. */
@SpringBootTest
class PromptEventSourceTest {

    @Autowired
    PromptEventSource source;
    @Autowired
    CommandGateway commands;

    @Test
    void aStreamIsToldWhenThisNodeCommitsEventsAndCanThenReadThem() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            CountDownLatch signalled = new CountDownLatch(1);
            assertThat(stream.setOnAvailableCallback(signalled::countDown)).isTrue();

            commands.sendAndWait(new DefineTariffVersion(new TariffId("prompt-1"), new TariffDefinition(
                    Currency.getInstance("EUR"), ZoneId.of("Europe/Amsterdam"), Instant.parse("2026-01-01T00:00:00Z"),
                    BigDecimal.ZERO, BigDecimal.TEN, ImportPricing.blocks(List.of(new PriceBlock(null, BigDecimal.ONE))),
                    BigDecimal.ZERO), TestClock.now()));

            assertThat(signalled.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).hasFieldOrPropertyWithValue("version", 1);
        }
    }
}
