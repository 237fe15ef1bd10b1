package io.gridledger.api.support;

import io.gridledger.adapter.ledger.AccessTokens;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests call the API as a signed-in client of the built-in authorization server: a test's
 * {@code TestRestTemplate} sends the {@code simulator} client's token (operator, device and payment
 * provider of the default retailer) unless the request names its own {@code Authorization}.
 */
@AutoConfiguration
public class TestCallers {

    private static final Map<String, AccessTokens> TOKENS = new ConcurrentHashMap<>();

    /** The bearer header of a demo client of the server on {@code port}. */
    public static String bearer(int port, String clientId) {
        return TOKENS.computeIfAbsent(port + "/" + clientId, key -> new AccessTokens(
                URI.create("http://localhost:" + port), clientId, clientId + "-secret")).bearer();
    }

    @Bean
    RestTemplateCustomizer bearerOfTheSimulatorClient(Environment environment) {
        return rest -> rest.getInterceptors().add((request, body, execution) -> {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                int port = environment.getRequiredProperty("local.server.port", Integer.class);
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, bearer(port, "simulator"));
            }
            return execution.execute(request, body);
        });
    }
}
