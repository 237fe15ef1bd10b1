package io.gridledger.ledger.account;

import io.gridledger.ledger.tariff.Netting;
import io.gridledger.ledger.tariff.SurplusRule;
import io.gridledger.ledger.tariff.TariffDefinition;
import io.gridledger.ledger.value.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.gridledger.ledger.account.AccountScenario.METER;
import static io.gridledger.ledger.account.AccountScenario.account;
import static io.gridledger.ledger.account.AccountScenario.delivery;
import static io.gridledger.ledger.account.AccountScenario.fixtureWith;
import static io.gridledger.ledger.account.AccountScenario.topUp;
import static io.gridledger.ledger.support.EventAssertions.payloadsSatisfy;
import static io.gridledger.ledger.support.TestTariffs.VALID_FROM;
import static io.gridledger.ledger.support.TestTariffs.eur;
import static io.gridledger.ledger.support.TestTariffs.flat;
import static io.gridledger.ledger.support.TestTariffs.local;
import static io.gridledger.ledger.support.TestTariffs.tariff;
import static org.assertj.core.api.Assertions.assertThat;

/** A settled trade replaces what the tariff did with the delivered energy. Import 1.0000/kWh, export 0.0700/kWh. */
class TradeSettlementTest {

    private static final TariffDefinition NET_BILLING = tariff(flat("1.0000"), "0", VALID_FROM);
    private static final TariffDefinition NET_METERING = NET_BILLING.withNetting(Netting.NET_METERING,
            SurplusRule.CARRY_OVER);
    private static final Instant START = local("2025-03-03T10:00");
    private static final Instant END = local("2025-03-03T10:15");
    private static final Instant SETTLED = local("2025-03-03T11:00");

    static RegisterReading bidirectional(String localTime, long importWh, long exportWh) {
        return RegisterReading.of(local(localTime), importWh, exportWh);
    }

    static SettleTrade trade(TradeRole role, long wh, String amount, String reversal, long bankWh, String imbalance) {
        return new SettleTrade(METER, "park@" + START + "#1", role, START, END, 1_000, wh, eur("0.2000"), eur(amount),
                eur(reversal), bankWh, eur(imbalance), SETTLED);
    }

    static TradeSettled only(List<Object> events) {
        return events.stream().filter(TradeSettled.class::isInstance).map(TradeSettled.class::cast).findFirst()
                .orElseThrow();
    }

    @Test
    void aBuyerPaysTheTradeAndGetsBackWhatItsTariffChargedForTheDeliveredEnergy() {
        // 1,000 Wh imported for 1.0000; 800 Wh of it bought at 0.25 + 0.03 grid fee = 0.2240, refund 0.8000
        fixtureWith(NET_BILLING)
                .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                        delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                        delivery(bidirectional("2025-03-03T10:15", 1_000, 0)))
                .when(trade(TradeRole.BUYER, 800, "0.2240", "0.8000", 0, "0"))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    TradeSettled settled = only(events);
                    assertThat(settled.balanceChange()).isEqualTo(eur("0.5760"));
                    assertThat(settled.balanceAfter()).isEqualTo(eur("19.5760"));
                }));
    }

    @Test
    void aSellerUnderNetBillingGivesBackTheExportCreditAndPaysItsImbalance() {
        fixtureWith(NET_BILLING)
                .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                        delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                        delivery(bidirectional("2025-03-03T10:15", 0, 1_000)))
                // balance 20.0700; sold 800 Wh: receives 0.1960, returns 0.0560 credit, imbalance 0.0100
                .when(trade(TradeRole.SELLER, 800, "0.1960", "0.0560", 0, "0.0100"))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    TradeSettled settled = only(events);
                    assertThat(settled.balanceChange()).isEqualTo(eur("0.1300"));
                    assertThat(settled.balanceAfter()).isEqualTo(eur("20.2000"));
                }));
    }

    @Test
    void aSellerUnderNetMeteringTakesTheSoldEnergyOutOfTheBankAndPaysForWhatWasAlreadyDrawn() {
        // 1,000 Wh deposited at 10:15, then 600 Wh imported at 10:30 drew on the bank: 400 Wh left
        fixtureWith(NET_METERING)
                .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                        delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                        delivery(bidirectional("2025-03-03T10:15", 0, 1_000)),
                        delivery(bidirectional("2025-03-03T10:30", 600, 1_000)))
                .when(trade(TradeRole.SELLER, 800, "0.1960", "0", 800, "0"))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    TradeSettled settled = only(events);
                    assertThat(settled.bankWithdrawnWh()).isEqualTo(400);
                    assertThat(settled.bankShortfallWh()).isEqualTo(400);
                    // 400 Wh no longer in the bank at the export price: 0.0280
                    assertThat(settled.bankShortfallCharge()).isEqualTo(eur("0.0280"));
                    assertThat(settled.balanceAfter()).isEqualTo(eur("20.1680"));
                }));
    }

    @Test
    void theSameTradeAgainBooksNothing() {
        fixtureWith(NET_BILLING)
                .givenCommands(account().open(), topUp("pay-1", "20", local("2025-03-03T09:30")),
                        delivery(bidirectional("2025-03-03T10:00", 0, 0)),
                        delivery(bidirectional("2025-03-03T10:15", 1_000, 0)),
                        trade(TradeRole.BUYER, 800, "0.2240", "0.8000", 0, "0"))
                .when(trade(TradeRole.BUYER, 800, "0.2240", "0.8000", 0, "0"))
                .expectNoEvents();
    }

    @Test
    void anUndeliveredTradeIsRecordedWithoutMovingMoneyAndATradeCanCutTheSupply() {
        fixtureWith(NET_BILLING)
                .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:00", 0, 0)))
                .when(trade(TradeRole.BUYER, 0, "0", "0", 0, "0"))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(only(events).balanceChange()).isEqualTo(eur("0"));
                    assertThat(only(events).matchedWh() - only(events).deliveredWh()).isEqualTo(1_000);
                }));
        // a buyer with nothing left: paying more than the refund takes the balance below zero
        fixtureWith(NET_BILLING)
                .givenCommands(account().open(), delivery(bidirectional("2025-03-03T10:00", 0, 0)))
                .when(trade(TradeRole.BUYER, 800, "20.0000", "0.0000", 0, "0"))
                .expectEventsMatching(payloadsSatisfy(events -> {
                    assertThat(only(events).balanceAfter()).isEqualTo(Money.of("-20", "EUR"));
                    assertThat(events).anyMatch(RelayCommandRequested.class::isInstance);
                }));
    }
}
