package io.gridledger.api.history;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one account's events straight from the event store, optionally only those stored at or
 * before an instant: the source of every {@code ?asOf=} answer, and of statements.
 */
@Component
public class AccountHistory {

    private final EventStore events;

    public AccountHistory(EventStore events) {
        this.events = events;
    }

    /**
     * The account's events in sequence order, stored no later than {@code asOf} (all when null).
     * Always from the first event: a snapshot is a shortcut for loading the aggregate, not history.
     */
    public List<DomainEventMessage<?>> eventsOf(String meterId, Instant asOf) {
        List<DomainEventMessage<?>> out = new ArrayList<>();
        var stream = events.readEvents(meterId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (asOf != null && message.getTimestamp().isAfter(asOf)) {
                continue;
            }
            out.add(message);
        }
        return out;
    }

    public static List<Object> payloads(List<DomainEventMessage<?>> messages) {
        return messages.stream().map(m -> (Object) m.getPayload()).toList();
    }
}
