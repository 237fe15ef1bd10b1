package io.gridledger.api.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the source of the read models' processor, with one addition: it tells the
 * processor as soon as this node has committed events. Axon's embedded store offers no
 * availability callback, so a pooled processor would otherwise look for new events only every
 * 500 ms, and every API write would wait that long for its read-your-writes. The processor is
 * nudged a few times shortly after each commit (the store's own reader fetches the new events
 * right after the commit); events committed by other nodes are still found by the processor's
 * periodic check.
 */
@Component("promptEventSource")
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    /** The first nudge waits a little so that, under load, a nudge collects many commits into one batch. */
    private static final long[] NUDGE_DELAYS_MS = {40, 250};

    private final EventStore store;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService nudger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "read-model-nudger");
        t.setDaemon(true);
        return t;
    });

    public PromptEventSource(EventStore store) {
        this.store = store;
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(u -> nudge());
            } else {
                nudge();
            }
        });
    }

    private void nudge() {
        if (callbacks.isEmpty() || nudger.isShutdown()) {
            return;
        }
        for (long delay : NUDGE_DELAYS_MS) {
            nudger.schedule(() -> callbacks.forEach(Runnable::run), delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NudgedStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public void destroy() {
        nudger.shutdownNow();
    }

    private final class NudgedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private NudgedStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }
}
