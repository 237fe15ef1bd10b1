package io.gridledger.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in OAuth 2.0 authorization server (Spring Authorization Server) for the main job and
 * small deployments: machine clients get tokens by the client-credentials grant, people sign in
 * (form login) through the authorization-code grant with PKCE. Tokens are JWTs signed with a key
 * made at start, carrying {@code roles}, {@code retailer} and {@code customer}. A deployment with
 * its own identity provider sets {@code gridledger.security.issuer-uri} and the API trusts that.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AuthorizationServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);
    private static final String ROLES = "gridledger.roles";
    private static final String RETAILER = "gridledger.retailer";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .headers(h -> h.disable())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** The sign-in page of the authorization-code flow (session and CSRF protected). */
    @Bean
    @Order(2)
    SecurityFilterChain signInChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout", "/default-ui.css")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(h -> h.disable())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(SecurityProperties properties, PasswordEncoder encoder) {
        List<RegisteredClient> clients = new ArrayList<>();
        for (SecurityProperties.Client client : properties.clients()) {
            clients.add(RegisteredClient.withId(UUID.nameUUIDFromBytes(client.id().getBytes()).toString())
                    .clientId(client.id())
                    .clientSecret(encoder.encode(client.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                    .clientSettings(ClientSettings.builder()
                            .setting(ROLES, client.roles().stream().map(Enum::name).toList())
                            .setting(RETAILER, client.retailer() == null ? "" : client.retailer())
                            .build())
                    .build());
        }
        if (properties.app() != null) {
            RegisteredClient.Builder app = RegisteredClient.withId(
                            UUID.nameUUIDFromBytes(properties.app().clientId().getBytes()).toString())
                    .clientId(properties.app().clientId())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                    .clientSettings(ClientSettings.builder().requireProofKey(true)
                            .requireAuthorizationConsent(false).build());
            properties.app().redirectUris().forEach(app::redirectUri);
            clients.add(app.build());
        }
        log.info("event=authorization_server clients={} users={} note=\"demo identities; replace their secrets "
                        + "(GRIDLEDGER_*_SECRET) or set GRIDLEDGER_JWT_ISSUER_URI in production\"",
                clients.stream().map(RegisteredClient::getClientId).collect(Collectors.joining(",")),
                properties.users().size());
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService people(SecurityProperties properties, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecurityProperties.User user : properties.users()) {
            users.createUser(User.withUsername(user.username()).password(encoder.encode(user.password()))
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build());
        }
        return users;
    }

    /** Puts the caller's roles, retailer and (for a consumer) customer into every access token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> callerClaims(SecurityProperties properties) {
        Map<String, SecurityProperties.User> people = properties.users().stream()
                .collect(Collectors.toMap(SecurityProperties.User::username, Function.identity()));
        return context -> {
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                ClientSettings settings = context.getRegisteredClient().getClientSettings();
                context.getClaims().claim(CallerClaims.ROLES_CLAIM, settings.<List<String>>getSetting(ROLES));
                String retailer = settings.getSetting(RETAILER);
                if (retailer != null && !retailer.isEmpty()) {
                    context.getClaims().claim(CallerClaims.RETAILER_CLAIM, retailer);
                }
                return;
            }
            SecurityProperties.User person = people.get(context.getPrincipal().getName());
            if (person != null) {
                context.getClaims().claim(CallerClaims.ROLES_CLAIM, person.roles().stream().map(Enum::name).toList());
                if (person.retailer() != null) {
                    context.getClaims().claim(CallerClaims.RETAILER_CLAIM, person.retailer());
                }
                if (person.customer() != null) {
                    context.getClaims().claim(CallerClaims.CUSTOMER_CLAIM, person.customer());
                }
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
