package io.gridledger.api.account;

import io.gridledger.ledger.account.MeterAccount;
import io.gridledger.ledger.tariff.Tariff;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Registers the event-sourced aggregates (the domain module carries no Spring annotations). Meter
 * accounts are cached, so a delivery does not replay the account's history from the store.
 */
@Configuration(proxyBeanMethods = false)
public class AggregatesConfiguration {

    @Bean
    Cache meterAccountCache() {
        return new WeakReferenceCache();
    }

    @Bean
    ConfigurerModule aggregates(Cache meterAccountCache) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tariff.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(MeterAccount.class)
                        .configureCache(c -> meterAccountCache));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
