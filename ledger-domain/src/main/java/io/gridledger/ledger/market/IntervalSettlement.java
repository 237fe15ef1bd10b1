package io.gridledger.ledger.market;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import io.gridledger.ledger.value.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settles a cleared interval on what its meters measured: delivery allocated in match order
 * ({@link DeliveryAllocation}), the money of each trade ({@link TradeAmounts}), what the tariffs had
 * already done with the delivered Wh taken back pro rata ({@link MeasuredInterval}), the seller's
 * imbalance charged, and a certificate for every delivered trade — retired to its buyer, whose
 * measured import in the interval covers it — and, if the community chose so, one for each measured
 * member's export that was not sold. A trader without a measurement delivered nothing.
 */
public final class IntervalSettlement {

    private IntervalSettlement() {
    }

    public static IntervalSettled settle(CommunityId communityId, Instant intervalStart, MarketRules rules,
                                         IntervalCleared clearing, List<MeasuredInterval> measurements, Instant at) {
        Instant end = intervalStart.plus(rules.intervalLength());
        Map<MeterId, MeasuredInterval> measured = new LinkedHashMap<>();
        for (MeasuredInterval m : measurements) {
            if (!m.importCharged().currency().equals(rules.currency())
                    || !m.exportCredited().currency().equals(rules.currency())) {
                throw new InvalidMarketOrderException("measurements", "meter " + m.meterId()
                        + " is measured in another currency than the community's " + rules.currency());
            }
            measured.put(m.meterId(), m);
        }
        Map<MeterId, Long> exported = new HashMap<>();
        Map<MeterId, Long> imported = new HashMap<>();
        measured.values().forEach(m -> {
            exported.put(m.meterId(), m.exportWh());
            imported.put(m.meterId(), m.importWh());
        });
        Set<MeterId> unmeasured = new LinkedHashSet<>();
        for (Match match : clearing.matches()) {
            for (MeterId side : List.of(match.buyer(), match.seller())) {
                if (!measured.containsKey(side)) {
                    unmeasured.add(side);
                }
            }
        }
        Money zero = Money.zero(rules.currency());
        List<TradeSettlement> trades = new ArrayList<>();
        List<GreenCertificate> certificates = new ArrayList<>();
        Map<MeterId, Long> soldDelivered = new HashMap<>();
        List<DeliveryAllocation.Delivered> allocation = DeliveryAllocation.allocate(clearing.matches(), exported, imported);
        for (int i = 0; i < allocation.size(); i++) {
            DeliveryAllocation.Delivered d = allocation.get(i);
            Match match = d.match();
            String tradeId = MarketIntervalKey.tradeId(communityId, intervalStart, i + 1);
            long wh = d.deliveredWh();
            TradeAmounts amounts = TradeAmounts.of(clearing.pricePerKwh(), wh, rules.gridFeePerKwh(),
                    rules.platformFeePerKwh(), rules.currency());
            MeasuredInterval buyer = measured.get(match.buyer());
            MeasuredInterval seller = measured.get(match.seller());
            Money refund = buyer == null ? zero : buyer.importChargeOf(wh);
            Money reversal = seller == null ? zero : seller.exportCreditOf(wh);
            long withdrawn = seller == null ? 0 : seller.bankDepositOf(wh);
            boolean missing = buyer == null || seller == null;
            // A seller without readings exported nothing it can show: its sold Wh the buyer took in are short.
            long shortWh = d.sellerShortWh();
            Money imbalance = Money.rounded(rules.imbalanceChargePerKwh().multiply(BigDecimal.valueOf(shortWh))
                    .movePointLeft(3), rules.currency());
            trades.add(new TradeSettlement(tradeId, match.buyer(), match.seller(), match.energyWh(), wh, shortWh,
                    amounts, refund, reversal, withdrawn, imbalance, missing));
            if (wh > 0) {
                soldDelivered.merge(match.seller(), wh, Long::sum);
                certificates.add(new GreenCertificate(
                        MarketIntervalKey.certificateId(communityId, intervalStart, certificates.size() + 1),
                        match.seller(), GreenCertificate.SOLAR_PV, intervalStart, end, wh, match.buyer(),
                        CertificateStatus.RETIRED, at, at, tradeId));
            }
        }
        if (rules.certifyExport()) {
            for (MeasuredInterval m : measured.values()) {
                long unsold = m.exportWh() - soldDelivered.getOrDefault(m.meterId(), 0L);
                if (unsold > 0) {
                    certificates.add(new GreenCertificate(
                            MarketIntervalKey.certificateId(communityId, intervalStart, certificates.size() + 1),
                            m.meterId(), GreenCertificate.SOLAR_PV, intervalStart, end, unsold, m.meterId(),
                            CertificateStatus.ISSUED, at, null, null));
                }
            }
        }
        return new IntervalSettled(communityId, intervalStart, end, clearing.pricePerKwh(), trades,
                List.copyOf(measured.values()), List.copyOf(unmeasured), certificates, at);
    }
}
