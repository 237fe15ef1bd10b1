package io.gridledger.api.security;

import io.gridledger.api.customer.CustomerProfiles;
import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.value.TariffId;
import io.gridledger.projections.balance.BalanceQueries;
import io.gridledger.projections.market.MarketQueries;
import io.gridledger.projections.market.MarketViews;
import io.gridledger.projections.balance.BalanceQueries.AccountTenancy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Who may reach which object. Each rule names the roles allowed to call an endpoint (function
 * level) and then checks that the caller may reach the very object the path names (object level):
 * a consumer only their own meters and profile, a retailer's operators, devices and payment
 * providers only that retailer's accounts, tariffs and customers; administrators reach everything;
 * settlement runs are for regulators, administrators and the operators of the retailer they settle.
 * An object that does not exist is no one's: the call goes on and is answered 404 by the endpoint.
 */
@Component
public class AccessRules {

    private final BalanceQueries balances;
    private final TariffBook tariffs;
    private final CustomerProfiles customers;
    private final MarketQueries market;
    private final String settlementRetailer;

    public AccessRules(BalanceQueries balances, TariffBook tariffs, CustomerProfiles customers, MarketQueries market,
                       @Value("${gridledger.settlement.retailer}") String settlementRetailer) {
        this.balances = balances;
        this.market = market;
        this.tariffs = tariffs;
        this.customers = customers;
        this.settlementRetailer = settlementRetailer;
    }

    /** Any of these roles, no object. */
    public AuthorizationManager<RequestAuthorizationContext> anyOf(Role... roles) {
        return rule(roles, (caller, context) -> true);
    }

    /** The meter named by {@code {meterId}} in the path. */
    public AuthorizationManager<RequestAuthorizationContext> meter(Role... roles) {
        Set<Role> allowed = set(roles);
        return rule(roles, (caller, context) -> reachesMeter(caller, context.getVariables().get("meterId"), allowed));
    }

    /**
     * For a meter named in a request body (an order): whether the caller may act on it in one of
     * these roles. Controllers refuse with {@link org.springframework.security.access.AccessDeniedException}.
     */
    public boolean mayReachMeter(Caller caller, String meterId, Role... roles) {
        Set<Role> allowed = set(roles);
        return allowed.stream().anyMatch(caller::has) && reachesMeter(caller, meterId, allowed);
    }

    private boolean reachesMeter(Caller caller, String meterId, Set<Role> allowed) {
        Optional<AccountTenancy> account = balances.findTenancy(meterId);
        return account.isEmpty() || allowed.stream().filter(caller::has).anyMatch(role -> switch (role) {
            case ADMIN -> true;
            case OPERATOR, DEVICE, PAYMENT_PROVIDER -> Objects.equals(caller.retailerId(), account.get().retailerId());
            case CONSUMER -> Objects.equals(caller.customerId(), account.get().customerId())
                    && (caller.retailerId() == null || caller.retailerId().equals(account.get().retailerId()));
            case REGULATOR -> false;
        });
    }

    /**
     * The trading community named by {@code {communityId}}: its retailer's operators and customers
     * (consumers with a meter in it, or signed in for its retailer), regulators and administrators. With a {@code {meterId}} in the path too (a
     * membership), the caller must also reach that meter.
     */
    public AuthorizationManager<RequestAuthorizationContext> community(Role... roles) {
        Set<Role> allowed = set(roles);
        return rule(roles, (caller, context) -> {
            String communityId = context.getVariables().get("communityId");
            String meterId = context.getVariables().get("meterId");
            Optional<String> owner = market.community(communityId).map(MarketViews.Community::retailerId);
            return allowed.stream().filter(caller::has).anyMatch(role -> switch (role) {
                case ADMIN -> true;
                case REGULATOR -> meterId == null;
                case OPERATOR -> (owner.isEmpty() || owner.get().equals(caller.retailerId()))
                        && (meterId == null || reachesMeter(caller, meterId, Set.of(Role.OPERATOR)));
                case CONSUMER -> meterId != null ? reachesMeter(caller, meterId, Set.of(Role.CONSUMER))
                        : owner.isEmpty() || owner.get().equals(caller.retailerId())
                        || market.hasMemberOfCustomer(communityId, caller.customerId());
                case DEVICE, PAYMENT_PROVIDER -> false;
            });
        });
    }

    /** The tariff named by {@code {tariffId}}: its retailer's operators and customers. */
    public AuthorizationManager<RequestAuthorizationContext> tariff(Role... roles) {
        Set<Role> allowed = set(roles);
        return rule(roles, (caller, context) -> {
            Optional<String> owner = tariffOwner(context.getVariables().get("tariffId"));
            return owner.isEmpty() || allowed.stream().filter(caller::has).anyMatch(role -> switch (role) {
                case ADMIN, REGULATOR -> true;
                case OPERATOR, CONSUMER, DEVICE, PAYMENT_PROVIDER -> owner.get().equals(caller.retailerId());
            });
        });
    }

    /** The customer named by {@code {customerId}}: the customer themself and their retailer's operators. */
    public AuthorizationManager<RequestAuthorizationContext> customer(Role... roles) {
        Set<Role> allowed = set(roles);
        return rule(roles, (caller, context) -> {
            String customerId = context.getVariables().get("customerId");
            Optional<String> retailer = customers.retailerOf(customerId);
            return allowed.stream().filter(caller::has).anyMatch(role -> switch (role) {
                case ADMIN -> true;
                case OPERATOR -> retailer.isEmpty() || retailer.get().equals(caller.retailerId());
                case CONSUMER -> customerId.equals(caller.customerId())
                        && (retailer.isEmpty() || caller.retailerId() == null
                        || retailer.get().equals(caller.retailerId()));
                case REGULATOR, DEVICE, PAYMENT_PROVIDER -> false;
            });
        });
    }

    /** Settlement periods and runs: they cover the accounts of the retailer this deployment settles. */
    public AuthorizationManager<RequestAuthorizationContext> settlement(Role... roles) {
        Set<Role> allowed = set(roles);
        return rule(roles, (caller, context) -> allowed.stream().filter(caller::has).anyMatch(role -> switch (role) {
            case ADMIN, REGULATOR -> true;
            case OPERATOR -> settlementRetailer.equals(caller.retailerId());
            case CONSUMER, DEVICE, PAYMENT_PROVIDER -> false;
        }));
    }

    private Optional<String> tariffOwner(String tariffId) {
        try {
            return tariffs.find(new TariffId(tariffId)).map(TariffHistory::retailerId).map(Object::toString);
        } catch (IllegalArgumentException malformedId) {
            return Optional.empty();
        }
    }

    private static AuthorizationManager<RequestAuthorizationContext> rule(
            Role[] roles, BiPredicate<Caller, RequestAuthorizationContext> reaches) {
        Set<Role> allowed = set(roles);
        return new AuthorizationManager<>() {
            @Override
            @SuppressWarnings("deprecation")
            public AuthorizationDecision check(Supplier<Authentication> authentication,
                                               RequestAuthorizationContext context) {
                Optional<Caller> caller = Caller.of(authentication.get());
                return new AuthorizationDecision(caller.isPresent()
                        && allowed.stream().anyMatch(caller.get()::has)
                        && reaches.test(caller.get(), context));
            }
        };
    }

    private static Set<Role> set(Role... roles) {
        return roles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(roles));
    }
}
