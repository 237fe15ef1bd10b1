package io.gridledger.api.support;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event processors of every application context alive in this test JVM. Spring keeps several
 * contexts (one per distinct test configuration) on the same database, and each runs its own
 * processors over the same tables; a test that tampers with a read model must stop all of them,
 * not only its own, or a lagging one may write the row again under the test's feet.
 */
@AutoConfiguration
public class LiveProcessors {

    private static final Set<Configuration> LIVE = ConcurrentHashMap.newKeySet();

    /** Processors stopped by {@link #pause}; closing it starts them again. */
    public interface Paused extends AutoCloseable {
        @Override
        void close();
    }

    @Bean
    DisposableBean liveProcessorsRegistration(Configuration axon) {
        LIVE.add(axon);
        return () -> LIVE.remove(axon);
    }

    /** Stops the named processors in every live context and waits until they have released their segments. */
    public static Paused pause(String... processorNames) {
        List<EventProcessor> stopped = new ArrayList<>();
        List<CompletableFuture<Void>> shutdowns = new ArrayList<>();
        for (Configuration axon : LIVE) {
            for (String name : processorNames) {
                axon.eventProcessingConfiguration().eventProcessor(name).ifPresent(p -> {
                    if (p.isRunning()) {
                        stopped.add(p);
                        shutdowns.add(p.shutdownAsync());
                    }
                });
            }
        }
        try {
            CompletableFuture.allOf(shutdowns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("event processors " + List.of(processorNames) + " did not stop", e);
        }
        return () -> stopped.forEach(EventProcessor::start);
    }
}
