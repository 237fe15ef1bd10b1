package io.gridledger.api.tariff;

import io.gridledger.ledger.tariff.TariffBook;
import io.gridledger.ledger.tariff.TariffHistory;
import io.gridledger.ledger.tariff.TariffVersion;
import io.gridledger.ledger.tariff.TariffVersionDefined;
import io.gridledger.ledger.value.TariffId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tariff book read straight from each tariff's event stream, so a charge sees every version
 * the moment it is defined, on any node. A cached history is reused while the stream's last
 * sequence number is unchanged (one indexed lookup per use).
 */
@Component
public class EventSourcedTariffBook implements TariffBook {

    private record Cached(long lastSequence, TariffHistory history) {
    }

    private final EventStore eventStore;
    private final Map<TariffId, Cached> cache = new ConcurrentHashMap<>();

    public EventSourcedTariffBook(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<TariffHistory> find(TariffId tariffId) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(tariffId.value());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Cached cached = cache.get(tariffId);
        if (cached != null && cached.lastSequence() == last.get()) {
            return Optional.of(cached.history());
        }
        List<TariffVersionDefined> defined = eventStore.readEvents(tariffId.value(), 0).asStream()
                .map(m -> m.getPayload())
                .filter(TariffVersionDefined.class::isInstance)
                .map(TariffVersionDefined.class::cast)
                .toList();
        if (defined.isEmpty()) {
            return Optional.empty();
        }
        List<TariffVersion> versions = new ArrayList<>();
        defined.forEach(e -> versions.add(new TariffVersion(e.version(), e.definition(), e.definedAt())));
        TariffHistory history = new TariffHistory(tariffId, versions, defined.get(0).retailerId());
        cache.put(tariffId, new Cached(last.get(), history));
        return Optional.of(history);
    }
}
