package io.gridledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Identity and abuse settings ({@code gridledger.security.*}). Clients and users are those of the
 * built-in authorization server; with {@code issuerUri} set, tokens of that identity provider are
 * trusted instead (Keycloak or any OpenID Connect provider).
 */
@ConfigurationProperties("gridledger.security")
public record SecurityProperties(
        String issuerUri,
        String rolesClaim,
        Duration accessTokenTtl,
        List<String> corsAllowedOrigins,
        DataSize maxBodySize,
        RateLimit rateLimit,
        List<Client> clients,
        List<User> users,
        App app) {

    public SecurityProperties {
        rolesClaim = rolesClaim == null ? CallerClaims.ROLES_CLAIM : rolesClaim;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofHours(1) : accessTokenTtl;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(4) : maxBodySize;
        rateLimit = rateLimit == null ? new RateLimit(200, 1000, 50, 200) : rateLimit;
        clients = clients == null ? List.of() : List.copyOf(clients);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** Requests per second (sustained) and burst, per caller and per meter. */
    public record RateLimit(int perCallerPerSecond, int perCallerBurst, int perMeterPerSecond, int perMeterBurst) {
    }

    /** A machine client (client-credentials grant): a device/head-end, a payment provider, staff tooling. */
    public record Client(String id, String secret, List<Role> roles, String retailer) {
    }

    /** A person who signs in at the built-in server (authorization-code grant with PKCE). */
    public record User(String username, String password, List<Role> roles, String retailer, String customer) {
    }

    /** The public client of apps (PKCE, no secret) and where it may be redirected with a code. */
    public record App(String clientId, List<String> redirectUris) {
    }
}
