package io.gridledger.api.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Access tokens for test callers of any role, signed with the server's own key as its authorization server does. */
final class Callers {

    /** A caller: roles, the retailer it works for and the customer it is (either may be null). */
    record Subject(String name, List<Role> roles, String retailer, String customer) {

        boolean anonymous() {
            return roles.isEmpty();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final NimbusJwtEncoder encoder;

    Callers(JWKSource<SecurityContext> keys) {
        this.encoder = new NimbusJwtEncoder(keys);
    }

    /** The {@code Authorization} header value, or null for an anonymous caller. */
    String bearer(Subject subject) {
        if (subject.anonymous()) {
            return null;
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject.name()).issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)))
                .claim(CallerClaims.ROLES_CLAIM, subject.roles().stream().map(Enum::name).toList());
        if (subject.retailer() != null) {
            claims.claim(CallerClaims.RETAILER_CLAIM, subject.retailer());
        }
        if (subject.customer() != null) {
            claims.claim(CallerClaims.CUSTOMER_CLAIM, subject.customer());
        }
        return "Bearer " + encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build())).getTokenValue();
    }
}
