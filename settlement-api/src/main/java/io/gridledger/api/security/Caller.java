package io.gridledger.api.security;

import io.gridledger.api.input.Fields;
import io.gridledger.api.problem.InvalidRequestException;
import io.gridledger.ledger.value.RetailerId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, as the access token says: subject, roles, the retailer a staff member, device or
 * payment provider works for, and the customer a consumer is. Nothing here comes from the request
 * body, so a caller cannot make itself another owner, retailer or role.
 */
public record Caller(String subject, Set<Role> roles, String retailerId, String customerId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * The retailer the caller works for: what accounts, tariffs and profiles it creates belong to.
     * A token without one cannot create anything (400 naming the {@code Authorization} header).
     */
    public RetailerId requireRetailer() {
        if (retailerId == null) {
            throw new InvalidRequestException("Authorization", "the caller's token names no retailer");
        }
        return Fields.value(retailerId, "retailer", RetailerId::new);
    }

    public String rolesText() {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** The authenticated caller of the current request. */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication())
                .orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }

    public static Optional<Caller> of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(from(token));
        }
        return Optional.empty();
    }

    private static Caller from(JwtAuthenticationToken token) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        token.getAuthorities().forEach(a -> {
            for (Role role : Role.values()) {
                if (role.authority().equals(a.getAuthority())) {
                    roles.add(role);
                }
            }
        });
        Jwt jwt = token.getToken();
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(CallerClaims.RETAILER_CLAIM),
                jwt.getClaimAsString(CallerClaims.CUSTOMER_CLAIM));
    }
}
