package io.gridledger.ledger.community;

import io.gridledger.ledger.market.InvalidMarketOrderException;
import io.gridledger.ledger.market.MarketRules;
import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.RetailerId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A trading community of one retailer (the meters behind one transformer, an industrial park) and
 * its market rules. Rules change only for intervals opened afterwards: each interval keeps the rules
 * it opened under. The currency never changes, as balances and trades are in it.
 */
public class TradingCommunity {

    @AggregateIdentifier
    private String id;
    private CommunityId communityId;
    private RetailerId retailerId;
    private String name;
    private MarketRules rules;

    protected TradingCommunity() {
    }

    /** Aggregate ids are shared by every aggregate type in the store: a community's cannot clash with a meter's. */
    public static String aggregateId(CommunityId communityId) {
        return "community:" + communityId.value();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(DefineCommunity command) {
        Objects.requireNonNull(command.rules(), "rules");
        Objects.requireNonNull(command.retailerId(), "retailerId");
        if (command.name() == null || command.name().isBlank() || command.name().length() > 120) {
            throw new InvalidMarketOrderException("name", "a community has a name of 1 to 120 characters");
        }
        if (id != null) {
            if (!retailerId.equals(command.retailerId())) {
                throw new CommunityOfAnotherRetailerException(command.communityId());
            }
            if (!rules.currency().equals(command.rules().currency())) {
                throw new InvalidMarketOrderException("currency", "a community's currency is "
                        + rules.currency() + " for good: balances and trades are kept in it");
            }
            if (rules.equals(command.rules()) && name.equals(command.name())) {
                return false;
            }
        }
        boolean created = id == null;
        apply(new CommunityDefined(command.communityId(), command.retailerId(), command.name(), command.rules(),
                command.at()));
        return created;
    }

    @EventSourcingHandler
    void on(CommunityDefined event) {
        id = aggregateId(event.communityId());
        communityId = event.communityId();
        retailerId = event.retailerId();
        name = event.name();
        rules = event.rules();
    }
}
