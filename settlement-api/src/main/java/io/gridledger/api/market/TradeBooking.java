package io.gridledger.api.market;

import io.gridledger.ledger.account.SettleTrade;
import io.gridledger.ledger.account.TradeRole;
import io.gridledger.ledger.market.IntervalSettled;
import io.gridledger.ledger.market.TradeSettlement;
import io.gridledger.ledger.value.Money;
import io.gridledger.projections.ProcessingGroups;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Books every settled trade on both accounts: the buyer pays the trade and gets its import charge
 * back, the seller receives the trade and gives its export credit back. Runs in a tracking processor,
 * so a crash between the two commands resumes from the event; the accounts ignore a repeat.
 */
@Component
@ProcessingGroup(ProcessingGroups.MARKET_SETTLEMENT)
public class TradeBooking {

    private static final Logger log = LoggerFactory.getLogger(TradeBooking.class);

    private final CommandGateway commands;
    private final MeterRegistry metrics;

    public TradeBooking(CommandGateway commands, MeterRegistry metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    @EventHandler
    void on(IntervalSettled e) {
        for (TradeSettlement t : e.trades()) {
            book(new SettleTrade(t.buyer(), t.tradeId(), TradeRole.BUYER, e.intervalStart(), e.intervalEnd(),
                    t.matchedWh(), t.deliveredWh(), t.amounts().value(), t.amounts().buyerPays(), t.buyerTariffRefund(),
                    0, Money.zero(t.imbalanceCharge().currency()), e.at()));
            book(new SettleTrade(t.seller(), t.tradeId(), TradeRole.SELLER, e.intervalStart(), e.intervalEnd(),
                    t.matchedWh(), t.deliveredWh(), t.amounts().value(), t.amounts().sellerReceives(),
                    t.sellerExportReversal(), t.sellerBankWithdrawnWh(), t.imbalanceCharge(), e.at()));
        }
        metrics.counter("gridledger.market.trades_booked").increment(e.trades().size());
    }

    private void book(SettleTrade command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            log.warn("event=trade_not_booked trade={} meter={} reason=\"no such account\" "
                    + "action=\"open the account or correct the trade by hand\"", command.tradeId(), command.meterId());
        }
    }
}
