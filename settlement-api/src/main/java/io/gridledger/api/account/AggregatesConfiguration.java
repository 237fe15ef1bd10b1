package io.gridledger.api.account;

import io.gridledger.ledger.account.MeterAccount;
import io.gridledger.ledger.account.MeterClockTolerance;
import io.gridledger.ledger.community.TradingCommunity;
import io.gridledger.ledger.community.TradingMembership;
import io.gridledger.ledger.market.MarketInterval;
import io.gridledger.ledger.tariff.Tariff;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Registers the event-sourced aggregates (the domain module carries no Spring annotations). Meter
 * accounts are cached, so a delivery does not replay the account's history from the store, and
 * snapshotted every {@code gridledger.snapshot.threshold} events, so that loading an account that
 * is not cached (a period close, a restart) reads its state and the few events since, not every
 * delivery of raw readings.
 */
@Configuration(proxyBeanMethods = false)
public class AggregatesConfiguration {

    /** How far a meter's clock may run ahead before its readings and events are refused. */
    @Bean
    MeterClockTolerance meterClockTolerance(
            @Value("${gridledger.readings.max-clock-ahead:5m}") java.time.Duration maxAhead) {
        return new MeterClockTolerance(maxAhead);
    }

    @Bean
    Cache meterAccountCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache marketIntervalCache() {
        return new WeakReferenceCache();
    }

    /**
     * Snapshots are taken on one background thread after the command's commit. When it falls behind,
     * the committing thread takes the snapshot itself: back-pressure, never an unbounded backlog.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(512),
                r -> new Thread(r, "aggregate-snapshotter"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Bean
    ConfigurerModule aggregates(Cache meterAccountCache, Cache marketIntervalCache, ExecutorService snapshotExecutor,
                                @Value("${gridledger.snapshot.threshold}") int threshold) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tariff.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TradingCommunity.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TradingMembership.class))
                // an interval's book takes an order per member before its gate: keep it in memory, not replayed per order
                .configureAggregate(AggregateConfigurer.defaultConfiguration(MarketInterval.class)
                        .configureCache(c -> marketIntervalCache))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(MeterAccount.class)
                        .configureCache(c -> meterAccountCache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                AggregateSnapshotter.builder()
                                        .eventStore(c.eventStore())
                                        .aggregateFactories(c.aggregateConfiguration(MeterAccount.class)
                                                .aggregateFactory())
                                        .parameterResolverFactory(c.parameterResolverFactory())
                                        .handlerDefinition(c.handlerDefinition(MeterAccount.class))
                                        .transactionManager(c.getComponent(TransactionManager.class))
                                        .executor(snapshotExecutor)
                                        .build(), threshold)))
                // A handler that fails is never skipped (Axon's default logs and goes on): a streaming
                // processor retries the batch with back-off until it succeeds, so no read model, hash
                // chain or relay request silently misses an event; the market's subscribing read
                // models fail the command whose events they could not show.
                .eventProcessing(processing -> processing.registerDefaultListenerInvocationErrorHandler(
                        c -> PropagatingErrorHandler.instance()));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
