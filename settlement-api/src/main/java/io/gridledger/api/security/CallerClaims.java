package io.gridledger.api.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns an access token into the caller's roles. The roles claim is found by a dotted path, so a
 * Keycloak token ({@code realm_access.roles}) works as well as the built-in server's ({@code roles});
 * names are matched case-insensitively, unknown ones ignored. {@code retailer} and {@code customer}
 * are plain claims (a Keycloak protocol mapper adds them).
 */
public final class CallerClaims implements Converter<Jwt, AbstractAuthenticationToken> {

    public static final String ROLES_CLAIM = "roles";
    public static final String RETAILER_CLAIM = "retailer";
    public static final String CUSTOMER_CLAIM = "customer";

    private final String rolesPath;

    public CallerClaims(String rolesPath) {
        this.rolesPath = rolesPath;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }

    private Collection<GrantedAuthority> authorities(Jwt jwt) {
        Object node = jwt.getClaims();
        for (String part : rolesPath.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (node instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equalsIgnoreCase(String.valueOf(name))) {
                        authorities.add(new SimpleGrantedAuthority(role.authority()));
                    }
                }
            }
        }
        return authorities;
    }
}
