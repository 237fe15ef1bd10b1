package io.gridledger.adapter.ledger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import java.net.URI;

/** A head-end running as its own process signs in to the ledger's API as a device client. */
@Configuration(proxyBeanMethods = false)
@Profile("head-end")
public class LedgerClientConfiguration {

    @Bean
    AccessTokens ledgerAccessTokens(@Value("${gridledger.adapter.ledger-url}") String ledgerUrl,
                                    @Value("${gridledger.adapter.ledger-client-id:${GRIDLEDGER_LEDGER_CLIENT_ID:head-end}}") String clientId,
                                    @Value("${gridledger.adapter.ledger-client-secret:${GRIDLEDGER_LEDGER_CLIENT_SECRET:head-end-secret}}") String secret) {
        return new AccessTokens(URI.create(ledgerUrl), clientId, secret);
    }
}
