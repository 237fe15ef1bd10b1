package io.gridledger.ledger.community;

import io.gridledger.ledger.value.CommunityId;
import io.gridledger.ledger.value.MeterId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meter account's place in peer-to-peer trading: the one community it is in at a time, and its
 * standing order. Kept apart from the account so that trading preferences never load, lock or
 * grow the prepaid ledger.
 */
public class TradingMembership {

    @AggregateIdentifier
    private String id;
    private MeterId meterId;
    private CommunityId communityId;
    private StandingOrder standingOrder;

    protected TradingMembership() {
    }

    public static String aggregateId(MeterId meterId) {
        return "membership:" + meterId.value();
    }

    /** @return true when the account joined now, false when it already was a member of that community */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(JoinCommunity command) {
        if (command.communityId().equals(communityId)) {
            return false;
        }
        if (communityId != null) {
            throw new MembershipConflictException("communityId", "meter '" + command.meterId()
                    + "' is a member of community '" + communityId + "'; an account is in one community at a time, "
                    + "so it must leave that one first");
        }
        apply(new CommunityJoined(command.meterId(), command.communityId(), command.at()));
        return true;
    }

    @CommandHandler
    public void handle(LeaveCommunity command) {
        requireMember();
        if (standingOrder != null) {
            apply(new StandingOrderCancelled(meterId, communityId, command.at()));
        }
        apply(new CommunityLeft(meterId, communityId, command.at()));
    }

    @CommandHandler
    public void handle(SetStandingOrder command) {
        requireMember();
        if (!command.order().equals(standingOrder)) {
            apply(new StandingOrderSet(meterId, communityId, command.order(), command.at()));
        }
    }

    @CommandHandler
    public void handle(CancelStandingOrder command) {
        requireMember();
        if (standingOrder != null) {
            apply(new StandingOrderCancelled(meterId, communityId, command.at()));
        }
    }

    private void requireMember() {
        if (communityId == null) {
            throw new MembershipConflictException("meterId", "meter '" + meterId + "' is not in a trading community");
        }
    }

    @EventSourcingHandler
    void on(CommunityJoined event) {
        id = aggregateId(event.meterId());
        meterId = event.meterId();
        communityId = event.communityId();
    }

    @EventSourcingHandler
    void on(CommunityLeft event) {
        communityId = null;
    }

    @EventSourcingHandler
    void on(StandingOrderSet event) {
        standingOrder = event.order();
    }

    @EventSourcingHandler
    void on(StandingOrderCancelled event) {
        standingOrder = null;
    }
}
