package io.gridledger.ledger.account;

import java.time.Instant;
import java.util.Objects;

/** One event a meter logged, at its own clock; {@code detail} is the meter's own text (phase, duration…), may be null. */
public record MeterEvent(MeterEventType type, Instant at, String detail) {

    public MeterEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (detail != null && detail.length() > 200) {
            throw new IllegalArgumentException("detail: at most 200 characters");
        }
        if (detail != null && detail.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("detail: no control characters");
        }
    }

    /** The same event reported again (a repeated or replayed message) has the same key. */
    String key() {
        return type + "@" + at;
    }
}
