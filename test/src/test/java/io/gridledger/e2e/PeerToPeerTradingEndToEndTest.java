package io.gridledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridledger.api.GridLedgerApplication;
import io.gridledger.api.market.MarketScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two prosumers and three consumers trade in one community through a summer day (1 July 2026,
 * Amsterdam) on generated PV and load curves, with the application's clock moving along. Standing
 * orders become orders before every gate, every interval is cleared at its gate and settled once
 * the quarter-hour readings are in; the test recomputes delivery, money and certificates from the
 * generated curves and the cleared trades, and checks balances, statements and the registry. The
 * day is fixed on purpose: the application runs on the test's own clock, which stands on that day
 * whatever today's date is, and the expected figures follow from its curves.
 */
@SpringBootTest(classes = GridLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gridledger.market.interval=1h", "gridledger.credit-review.interval=1h",
                "gridledger.settlement.schedule-interval=1h", "gridledger.reconciliation.interval=1h"})
@Import(PeerToPeerTradingEndToEndTest.TestClock.class)
@DirtiesContext
class PeerToPeerTradingEndToEndTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final ZonedDateTime DAY = LocalDate.of(2026, 7, 1).atStartOfDay(AMSTERDAM);
    static final MutableClock CLOCK = new MutableClock(DAY.toInstant().minus(Duration.ofHours(2)));
    static final BigDecimal IMPORT = new BigDecimal("0.3000");
    static final BigDecimal EXPORT = new BigDecimal("0.0800");
    static final BigDecimal GRID_FEE = new BigDecimal("0.0300");
    static final BigDecimal PLATFORM_FEE = new BigDecimal("0.0050");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MarketScheduler scheduler;

    /** A generated meter: its curve per quarter hour and its cumulative registers. */
    static final class Meter {
        final String id;
        final long pvPeakWh;
        final long[] importWh = new long[96];
        final long[] exportWh = new long[96];
        long importRegister;
        long exportRegister;

        Meter(String id, long pvPeakWh, SplittableRandom random) {
            this.id = id;
            this.pvPeakWh = pvPeakWh;
            for (int q = 0; q < 96; q++) {
                double hour = q / 4.0 + 0.125;
                long pv = hour > 6 && hour < 20 ? Math.round(pvPeakWh * Math.sin(Math.PI * (hour - 6) / 14)) : 0;
                long load = random.nextLong(80, 260) + (hour >= 17 && hour < 21 ? random.nextLong(100, 300) : 0);
                importWh[q] = Math.max(0, load - pv);
                exportWh[q] = Math.max(0, pv - load);
            }
        }
    }

    @Test
    void aDayOfStandingOrdersIsClearedEveryIntervalAndSettledOnWhatTheMetersMeasured() {
        Http http = new Http(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String community = "e2e-park-" + suffix;
        SplittableRandom random = new SplittableRandom(20260701);
        Meter pvA = new Meter("e2e-pv-a-" + suffix, 1_400, random);
        Meter pvB = new Meter("e2e-pv-b-" + suffix, 900, random);
        Meter c1 = new Meter("e2e-home-1-" + suffix, 0, random);
        Meter c2 = new Meter("e2e-home-2-" + suffix, 0, random);
        Meter c3 = new Meter("e2e-home-3-" + suffix, 0, random);
        List<Meter> meters = List.of(pvA, pvB, c1, c2, c3);

        assertThat(http.put("/api/v1/tariffs/e2e-flat-" + suffix, tariff("NET_BILLING")).status()).isEqualTo(201);
        assertThat(http.put("/api/v1/tariffs/e2e-bank-" + suffix, tariff("NET_METERING")).status()).isEqualTo(201);
        Http.Response defined = http.put("/api/v1/market/communities/" + community, """
                {"name":"Zonnepark %s","currency":"EUR","gridFeePerKwh":"0.03","platformFeePerKwh":"0.005",
                 "imbalanceChargePerKwh":"0.05","certifyExport":true}""".formatted(suffix));
        assertThat(defined.status()).as(defined.json().toString()).isEqualTo(201);
        assertThat(defined.json().at("/gateClosureMinutes").asInt()).isEqualTo(5);
        for (Meter m : meters) {
            open(http, m, m == pvB ? "e2e-bank-" + suffix : "e2e-flat-" + suffix);
            Http.Response joined = http.put("/api/v1/market/communities/" + community + "/members/" + m.id, "");
            assertThat(joined.status()).as(joined.json().toString()).isEqualTo(201);
        }
        assertThat(http.put("/api/v1/market/communities/" + community + "/members/" + c1.id, "").status())
                .as("joining again changes nothing").isEqualTo(200);
        standing(http, pvA, "{\"side\":\"SELL\",\"limitPricePerKwh\":\"0.10\"}");
        standing(http, pvB, "{\"side\":\"SELL\",\"limitPricePerKwh\":\"0.12\",\"maxWhPerInterval\":600}");
        standing(http, c1, "{\"side\":\"BUY\",\"limitPricePerKwh\":\"0.25\",\"maxWhPerDay\":8000}");
        standing(http, c2, "{\"side\":\"BUY\",\"limitPricePerKwh\":\"0.20\",\"maxWhPerDay\":5000}");
        standing(http, c3, "{\"side\":\"BUY\",\"limitPricePerKwh\":\"0.09\",\"maxWhPerDay\":5000}");

        // a manual order placed and cancelled before its gate leaves no trace in the clearing
        Instant noon = DAY.plusHours(12).toInstant();
        Http.Response manual = http.post("/api/v1/market/orders", """
                {"orderId":"manual-%s","meterId":"%s","intervalStart":"%s","side":"BUY","energyWh":5000,
                 "maxPricePerKwh":"0.50"}""".formatted(suffix, c3.id, noon));
        assertThat(manual.status()).as(manual.json().toString()).isEqualTo(201);
        assertThat(http.delete("/api/v1/market/orders/manual-" + suffix).status()).isEqualTo(204);

        for (int q = 0; q <= 96; q++) {
            Instant start = DAY.plusMinutes(15L * q).toInstant();
            if (q < 96) {
                CLOCK.set(start.minus(Duration.ofMinutes(6)));
                scheduler.placeStandingOrders(CLOCK.instant());
                CLOCK.set(start.minus(Duration.ofMinutes(5)));
                scheduler.clearClosedBooks(CLOCK.instant());
            }
            CLOCK.set(start.plus(Duration.ofMinutes(1)));
            for (Meter m : meters) {
                if (q > 0) {
                    m.importRegister += m.importWh[q - 1];
                    m.exportRegister += m.exportWh[q - 1];
                }
                Http.Response r = http.post("/api/v1/meters/" + m.id + "/readings", """
                        {"readings":[{"at":"%s","activeImportWh":%d,"activeExportWh":%d}]}"""
                        .formatted(start, m.importRegister, m.exportRegister));
                assertThat(r.status()).as(r.json().toString()).isEqualTo(202);
            }
            scheduler.settleEndedIntervals(CLOCK.instant());
            scheduler.bookSettledTrades(CLOCK.instant());
        }
        // the last readings reach the read model a moment later: settle what is left
        Instant end = DAY.plusDays(1).toInstant();
        List<JsonNode> intervals = await("no interval left cleared but unsettled").until(() -> {
            scheduler.settleEndedIntervals(CLOCK.instant());
            scheduler.bookSettledTrades(CLOCK.instant());
            return intervalsOfTheDay(http, community);
        }, found -> found.stream().noneMatch(i -> i.at("/status").asText().equals("CLEARED")));
        assertThat(intervals).as("every interval with orders was cleared and settled")
                .allSatisfy(i -> assertThat(i.at("/status").asText()).isEqualTo("SETTLED"));
        assertThat(intervals.size()).as("the sun made intervals with offers").isGreaterThan(30);

        // --- delivery and money, recomputed from the curves and the cleared trades --------------
        Map<String, Meter> byId = new HashMap<>();
        meters.forEach(m -> byId.put(m.id, m));
        Map<String, Long> bought = new HashMap<>();
        Map<String, Long> sold = new HashMap<>();
        Map<String, BigDecimal> tradeMoney = new HashMap<>();
        Map<String, Integer> tradeCount = new HashMap<>();
        long matchedTotal = 0;
        long deliveredTotal = 0;
        int tradedIntervals = 0;
        for (JsonNode interval : intervals) {
            int q = (int) (Duration.between(DAY.toInstant(), Instant.parse(interval.at("/intervalStart").asText()))
                    .toMinutes() / 15);
            Map<String, Long> exportLeft = new HashMap<>();
            Map<String, Long> importLeft = new HashMap<>();
            meters.forEach(m -> {
                exportLeft.put(m.id, m.exportWh[q]);
                importLeft.put(m.id, m.importWh[q]);
            });
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal received = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            List<JsonNode> trades = new ArrayList<>();
            interval.at("/trades").forEach(trades::add);
            trades.sort((a, b) -> Integer.compare(tradeNo(a), tradeNo(b)));
            if (!trades.isEmpty()) {
                tradedIntervals++;
                assertThat(new BigDecimal(interval.at("/clearingPricePerKwh").asText())).isBetween(new BigDecimal("0.10"),
                        new BigDecimal("0.25"));
            }
            for (JsonNode t : trades) {
                String buyer = t.at("/buyerMeterId").asText();
                String seller = t.at("/sellerMeterId").asText();
                assertThat(buyer).isNotEqualTo(c3.id).as("0.09 reaches no offer");
                long matched = t.at("/matchedWh").asLong();
                long delivered = Math.min(matched, Math.min(exportLeft.get(seller), importLeft.get(buyer)));
                exportLeft.merge(seller, -delivered, Long::sum);
                importLeft.merge(buyer, -delivered, Long::sum);
                assertThat(t.at("/deliveredWh").asLong()).as(t.toString()).isEqualTo(delivered);
                BigDecimal price = new BigDecimal(t.at("/pricePerKwh").asText());
                BigDecimal value = money(price, delivered);
                BigDecimal grid = money(GRID_FEE, delivered);
                BigDecimal platform = money(PLATFORM_FEE, delivered);
                assertThat(new BigDecimal(t.at("/buyerPays").asText())).isEqualByComparingTo(value.add(grid));
                assertThat(new BigDecimal(t.at("/sellerReceives").asText())).isEqualByComparingTo(value.subtract(platform));
                paid = paid.add(new BigDecimal(t.at("/buyerPays").asText()));
                received = received.add(new BigDecimal(t.at("/sellerReceives").asText()));
                fees = fees.add(grid).add(platform);
                // the buyer's tariff charge and the seller's export credit of the delivered Wh are given back
                Meter b = byId.get(buyer);
                BigDecimal refund = b.importWh[q] == 0 ? BigDecimal.ZERO : money(IMPORT, b.importWh[q])
                        .multiply(BigDecimal.valueOf(delivered)).divide(BigDecimal.valueOf(b.importWh[q]), 4,
                                RoundingMode.HALF_EVEN);
                assertThat(new BigDecimal(t.at("/buyerTariffRefund").asText())).isEqualByComparingTo(refund);
                tradeMoney.merge(buyer, refund.subtract(new BigDecimal(t.at("/buyerPays").asText())), BigDecimal::add);
                tradeMoney.merge(seller, new BigDecimal(t.at("/sellerReceives").asText())
                        .subtract(new BigDecimal(t.at("/sellerExportReversal").asText()))
                        .subtract(new BigDecimal(t.at("/imbalanceCharge").asText())), BigDecimal::add);
                bought.merge(buyer, delivered, Long::sum);
                sold.merge(seller, delivered, Long::sum);
                tradeCount.merge(buyer, 1, Integer::sum);
                tradeCount.merge(seller, 1, Integer::sum);
                matchedTotal += matched;
                deliveredTotal += delivered;
            }
            assertThat(paid).as("buyers' money = sellers' money + fees in " + interval.at("/intervalStart"))
                    .isEqualByComparingTo(received.add(fees));
        }
        System.out.printf("p2p day: %d intervals with orders, %d with trades, %d Wh matched, %d Wh delivered%n",
                intervals.size(), tradedIntervals, matchedTotal, deliveredTotal);
        assertThat(tradedIntervals).as("PV surplus was traded through the middle of the day").isGreaterThan(20);
        assertThat(deliveredTotal).isPositive().isLessThanOrEqualTo(matchedTotal);
        assertThat(bought.values().stream().mapToLong(Long::longValue).sum()).as("kWh bought = kWh sold")
                .isEqualTo(sold.values().stream().mapToLong(Long::longValue).sum());
        assertThat(bought.getOrDefault(c1.id, 0L)).as("c1's daily cap").isLessThanOrEqualTo(8_000);

        // --- balances: what the tariff charged, with each trade in place of it ---------------------
        for (Meter m : List.of(pvA, c1, c2, c3)) {
            BigDecimal expected = new BigDecimal("50");
            for (int q = 0; q < 96; q++) {
                expected = expected.subtract(money(IMPORT, m.importWh[q])).add(money(EXPORT, m.exportWh[q]));
            }
            expected = expected.add(tradeMoney.getOrDefault(m.id, BigDecimal.ZERO));
            assertThat(awaitBalance(http, m, expected)).as("balance of " + m.id).isEqualByComparingTo(expected);
        }

        // --- statements show the trading, and still add up --------------------------------------
        for (Meter m : meters) {
            JsonNode s = awaitStatement(http, m, bought.getOrDefault(m.id, 0L), sold.getOrDefault(m.id, 0L));
            BigDecimal lines = BigDecimal.ZERO;
            for (JsonNode line : s.at("/lines")) {
                lines = lines.add(new BigDecimal(line.at("/amount/amount").asText()));
            }
            assertThat(new BigDecimal(s.at("/openingBalance/amount").asText()).add(lines))
                    .isEqualByComparingTo(new BigDecimal(s.at("/closingBalance/amount").asText()));
            assertThat(s.at("/energy/boughtWh").asLong()).isEqualTo(bought.getOrDefault(m.id, 0L));
            assertThat(s.at("/energy/soldWh").asLong()).isEqualTo(sold.getOrDefault(m.id, 0L));
            assertThat(s.at("/trades").size()).as("a record of every trade of " + m.id)
                    .isEqualTo(tradeCount.getOrDefault(m.id, 0));
        }
        JsonNode bank = http.get("/api/v1/meters/" + pvB.id + "/statements/2026-07").json().at("/bank");
        assertThat(bank.at("/soldWh").asLong()).as("pvB's sold kWh left its net-metering bank")
                .isEqualTo(sold.getOrDefault(pvB.id, 0L));

        // --- certificates: each exported Wh certified once; traded ones retired to their buyers ----
        for (Meter seller : List.of(pvA, pvB)) {
            long exported = 0;
            for (long wh : seller.exportWh) {
                exported += wh;
            }
            long certified = 0;
            for (JsonNode c : http.get("/api/v1/meters/" + seller.id + "/certificates?from=" + DAY.toInstant()
                    + "&to=" + end).json()) {
                if (c.at("/sourceMeterId").asText().equals(seller.id)) {
                    certified += c.at("/wh").asLong();
                }
            }
            assertThat(certified).as("certificates of " + seller.id).isEqualTo(exported);
        }
        for (Meter buyer : List.of(c1, c2, c3)) {
            long retired = 0;
            for (JsonNode c : http.get("/api/v1/meters/" + buyer.id + "/certificates?from=" + DAY.toInstant()
                    + "&to=" + end).json()) {
                assertThat(c.at("/status").asText()).isEqualTo("RETIRED");
                assertThat(c.at("/ownerMeterId").asText()).isEqualTo(buyer.id);
                retired += c.at("/wh").asLong();
            }
            assertThat(retired).isEqualTo(bought.getOrDefault(buyer.id, 0L));
        }
        Http.Raw export = http.getRaw("/api/v1/market/communities/" + community + "/certificates?from="
                + DAY.toInstant() + "&to=" + end, "text/csv");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.text()).startsWith("certificate_id,energy_source,technology,production_device")
                .contains(pvA.id).contains("RETIRED").contains("ISSUED");

        // --- a meter's trades, as the buyer or the seller sees them -----------------------------
        JsonNode c1Trades = http.get("/api/v1/meters/" + c1.id + "/trades?from=" + DAY.toInstant() + "&to=" + end).json();
        assertThat(c1Trades).isNotEmpty().allSatisfy(t -> assertThat(t.at("/status").asText()).isEqualTo("SETTLED"));
    }

    private static int tradeNo(JsonNode trade) {
        String id = trade.at("/tradeId").asText();
        return Integer.parseInt(id.substring(id.lastIndexOf('#') + 1));
    }

    private static BigDecimal money(BigDecimal pricePerKwh, long wh) {
        return pricePerKwh.multiply(BigDecimal.valueOf(wh)).movePointLeft(3).setScale(4, RoundingMode.HALF_EVEN);
    }

    private static String tariff(String netting) {
        return """
                {"currency":"EUR","timezone":"Europe/Amsterdam","validFrom":"2026-01-01T00:00:00Z",
                 "standingChargePerDay":"0","taxPercent":"0","import":{"blocks":[{"pricePerKwh":"0.3000"}]},
                 "export":{"pricePerKwh":"0.0800"},"netting":"%s"}""".formatted(netting);
    }

    private static void open(Http http, Meter m, String tariffId) {
        Http.Response opened = http.post("/api/v1/meters", """
                {"meterId":"%s","customerId":"cust-%s","tariffId":"%s","timezone":"Europe/Amsterdam"}"""
                .formatted(m.id, m.id, tariffId));
        assertThat(opened.status()).as(opened.json().toString()).isEqualTo(201);
        assertThat(http.post("/api/v1/meters/" + m.id + "/top-ups", """
                {"paymentId":"%s-1","amount":{"amount":"50","currency":"EUR"}}""".formatted(m.id)).status())
                .isEqualTo(201);
    }

    private static void standing(Http http, Meter m, String body) {
        Http.Response r = http.put("/api/v1/market/standing-orders/" + m.id, body);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    }

    private static List<JsonNode> intervalsOfTheDay(Http http, String community) {
        List<JsonNode> found = new ArrayList<>();
        for (int q = 0; q < 96; q++) {
            Http.Response r = http.get("/api/v1/market/communities/" + community + "/intervals/"
                    + DAY.plusMinutes(15L * q).toInstant());
            if (r.status() == 200) {
                found.add(r.json());
            }
        }
        return found;
    }

    /** The balance view follows the booked trades a moment later (its own processor): wait until it shows them. */
    private static BigDecimal awaitBalance(Http http, Meter m, BigDecimal expected) {
        return await("balance of " + m.id).until(() -> new BigDecimal(http.get("/api/v1/meters/" + m.id).json()
                .at("/balance/amount").asText()), balance -> balance.compareTo(expected) == 0);
    }

    /** The July statement once it shows every trade of the meter. */
    private static JsonNode awaitStatement(Http http, Meter m, long bought, long sold) {
        return await("statement of " + m.id).until(() -> http.get("/api/v1/meters/" + m.id + "/statements/"
                + YearMonth.from(DAY)).json(), s -> s.at("/energy/boughtWh").asLong() == bought
                && s.at("/energy/soldWh").asLong() == sold);
    }
}
