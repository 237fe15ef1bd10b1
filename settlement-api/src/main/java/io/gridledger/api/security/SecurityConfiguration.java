package io.gridledger.api.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

import static io.gridledger.api.security.Role.ADMIN;
import static io.gridledger.api.security.Role.CONSUMER;
import static io.gridledger.api.security.Role.DEVICE;
import static io.gridledger.api.security.Role.OPERATOR;
import static io.gridledger.api.security.Role.PAYMENT_PROVIDER;
import static io.gridledger.api.security.Role.REGULATOR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * The API's access rules, deny by default: every endpoint is listed here with the roles that may
 * call it and the object it concerns ({@link AccessRules}); anything not listed is refused. The API
 * is stateless (bearer tokens only, no session, no cookies), which is why it needs no CSRF token;
 * the sign-in pages of the authorization server keep theirs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain apiChain(HttpSecurity http, AccessRules rules, SecurityProperties properties,
                                 ApiProblems problems, MeterRegistry registry) throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .cors(c -> c.configurationSource(cors(properties.corsAllowedOrigins())))
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new CallerClaims(properties.rolesClaim())))
                        .authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.denied()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthenticated())
                        .accessDeniedHandler(problems.denied()))
                .addFilterBefore(new BodySizeLimit(properties.maxBodySize().toBytes(), problems),
                        BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new RateLimits(properties.rateLimit(), problems, registry),
                        BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers(GET, "/actuator/prometheus", "/actuator/metrics/**").access(rules.anyOf(ADMIN))
                        .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        // signed with the provider's HMAC secret instead of a token (WebhookSignature)
                        .requestMatchers(POST, "/api/v1/payments/webhook").permitAll()

                        .requestMatchers(PUT, "/api/v1/tariffs/{tariffId}").access(rules.tariff(OPERATOR))
                        .requestMatchers(GET, "/api/v1/tariffs/{tariffId}")
                        .access(rules.tariff(OPERATOR, CONSUMER, REGULATOR, ADMIN))

                        .requestMatchers(POST, "/api/v1/meters").access(rules.anyOf(OPERATOR))
                        .requestMatchers(GET, "/api/v1/meters/{meterId}", "/api/v1/meters/{meterId}/ledger",
                                "/api/v1/meters/{meterId}/statements", "/api/v1/meters/{meterId}/statements/{period}",
                                "/api/v1/meters/{meterId}/consumption")
                        .access(rules.meter(CONSUMER, OPERATOR, ADMIN))
                        .requestMatchers(POST, "/api/v1/meters/{meterId}/readings",
                                "/api/v1/meters/{meterId}/supply-confirmations")
                        .access(rules.meter(DEVICE, OPERATOR))
                        .requestMatchers(POST, "/api/v1/meters/{meterId}/replacements").access(rules.meter(OPERATOR))
                        .requestMatchers(POST, "/api/v1/meters/{meterId}/top-ups")
                        .access(rules.meter(PAYMENT_PROVIDER, OPERATOR))
                        .requestMatchers(POST, "/api/v1/meters/{meterId}/emergency-credit")
                        .access(rules.meter(CONSUMER, OPERATOR))

                        .requestMatchers(POST, "/api/v1/settlement/periods/{period}/close")
                        .access(rules.settlement(OPERATOR))
                        .requestMatchers(GET, "/api/v1/settlement/periods/{period}/runs",
                                "/api/v1/settlement/periods/{period}/runs/{run}",
                                "/api/v1/settlement/periods/{period}/runs/{run}/events")
                        .access(rules.settlement(REGULATOR, ADMIN, OPERATOR))

                        .requestMatchers(PUT, "/api/v1/devices/{meterId}/modbus", "/api/v1/devices/{meterId}/dlms",
                                "/api/v1/devices/{meterId}/p1")
                        .access(rules.meter(OPERATOR))
                        .requestMatchers(GET, "/api/v1/devices/{meterId}", "/api/v1/devices/{meterId}/events")
                        .access(rules.meter(OPERATOR, ADMIN))
                        .requestMatchers(POST, "/api/v1/devices/{meterId}/events").access(rules.meter(DEVICE))
                        .requestMatchers(GET, "/api/v1/relay-requests").access(rules.anyOf(DEVICE))

                        .requestMatchers(PUT, "/api/v1/customers/{customerId}").access(rules.customer(OPERATOR))
                        .requestMatchers(GET, "/api/v1/customers/{customerId}")
                        .access(rules.customer(CONSUMER, OPERATOR, ADMIN))
                        .requestMatchers(POST, "/api/v1/customers/{customerId}/erasure")
                        .access(rules.customer(OPERATOR, ADMIN))

                        // peer-to-peer trading
                        .requestMatchers(PUT, "/api/v1/market/communities/{communityId}").access(rules.community(OPERATOR))
                        .requestMatchers(GET, "/api/v1/market/communities/{communityId}",
                                "/api/v1/market/communities/{communityId}/intervals/{start}")
                        .access(rules.community(OPERATOR, REGULATOR, ADMIN, CONSUMER))
                        .requestMatchers(GET, "/api/v1/market/communities/{communityId}/members")
                        .access(rules.community(OPERATOR, ADMIN))
                        .requestMatchers(GET, "/api/v1/market/communities/{communityId}/certificates")
                        .access(rules.community(OPERATOR, REGULATOR, ADMIN))
                        .requestMatchers(PUT, "/api/v1/market/communities/{communityId}/members/{meterId}")
                        .access(rules.community(OPERATOR, CONSUMER))
                        .requestMatchers(DELETE, "/api/v1/market/communities/{communityId}/members/{meterId}")
                        .access(rules.community(OPERATOR, CONSUMER))
                        .requestMatchers(PUT, "/api/v1/market/standing-orders/{meterId}").access(rules.meter(CONSUMER, OPERATOR))
                        .requestMatchers(DELETE, "/api/v1/market/standing-orders/{meterId}").access(rules.meter(CONSUMER, OPERATOR))
                        .requestMatchers(GET, "/api/v1/market/standing-orders/{meterId}")
                        .access(rules.meter(CONSUMER, OPERATOR, ADMIN))
                        // the order's meter is in the body (POST) or found by id (DELETE): the controller checks it
                        .requestMatchers(POST, "/api/v1/market/orders").access(rules.anyOf(CONSUMER, OPERATOR))
                        .requestMatchers(DELETE, "/api/v1/market/orders/{orderId}").access(rules.anyOf(CONSUMER, OPERATOR))
                        .requestMatchers(GET, "/api/v1/meters/{meterId}/trades", "/api/v1/meters/{meterId}/certificates")
                        .access(rules.meter(CONSUMER, OPERATOR, ADMIN))

                        .requestMatchers(GET, "/api/v1/audit").access(rules.anyOf(ADMIN, REGULATOR, OPERATOR))
                        .anyRequest().denyAll());
        return http.build();
    }

    /** Tokens of the built-in server, or of the identity provider named by {@code issuer-uri}. */
    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, JWKSource<SecurityContext> signingKeys) {
        if (properties.issuerUri() != null && !properties.issuerUri().isBlank()) {
            return JwtDecoders.fromIssuerLocation(properties.issuerUri());
        }
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys);
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(allowedOrigins);
            api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "GridLedger-Reason"));
            api.setAllowCredentials(false);
            api.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }
}
