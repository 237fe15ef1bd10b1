package io.gridledger.ledger.account;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an account remembers of its accepted readings: the last one (the base for the next delta),
 * fingerprints of the most recent {@value #REMEMBERED} (31 days of quarter hours) to tell a replayed
 * reading from a conflicting one, and import counted per calendar month for block tariffs.
 * Mutable, owned by the aggregate and changed only by its event-sourcing handlers; a command
 * handler decides on a {@link #draft()} that layers the delivery's readings over it.
 */
final class ReadingBook {

    static final int REMEMBERED = 2976;

    private RegisterReading last;
    private Instant replacedAt;
    /** Ring buffers that grow up to {@value #REMEMBERED}, so a young account stays small in caches. */
    private long[] atMillis = new long[16];
    private long[] fingerprints = new long[16];
    private int start;
    private int size;
    private final Map<YearMonth, Long> importByMonth = new HashMap<>();

    /** A view of this book plus the readings a command accepts before its event is applied. */
    Draft draft() {
        return new Draft(this);
    }

    RegisterReading last() {
        return last;
    }

    long importCountedIn(YearMonth month) {
        return importByMonth.getOrDefault(month, 0L);
    }

    Instant replacedAt() {
        return replacedAt;
    }

    /** A new meter starts: its first reading after {@code at} is a baseline. */
    void startNewMeter(Instant at) {
        last = null;
        replacedAt = at;
    }

    /** True when {@code reading} is exactly a reading already accepted at the same time. */
    boolean isRepeatOfAccepted(RegisterReading reading) {
        int i = indexOf(reading.at().toEpochMilli());
        return i >= 0 && fingerprints[i] == reading.fingerprint();
    }

    boolean hasAcceptedAt(Instant at) {
        return indexOf(at.toEpochMilli()) >= 0;
    }

    void accept(AcceptedInterval interval) {
        RegisterReading reading = interval.reading();
        last = reading;
        if (size == atMillis.length && atMillis.length < REMEMBERED) {
            grow();
        }
        int capacity = atMillis.length;
        int slot = (start + size) % capacity;
        atMillis[slot] = reading.at().toEpochMilli();
        fingerprints[slot] = reading.fingerprint();
        if (size < capacity) {
            size++;
        } else {
            start = (start + 1) % capacity;
        }
        if (interval.consumptionMonth() != null && interval.chargedImportWh() > 0) {
            importByMonth.merge(interval.consumptionMonth(), interval.chargedImportWh(), Long::sum);
            if (importByMonth.size() > 3) {
                YearMonth oldest = importByMonth.keySet().stream().min(YearMonth::compareTo).orElseThrow();
                importByMonth.remove(oldest);
            }
        }
    }

    private void grow() {
        int capacity = Math.min(atMillis.length * 2, REMEMBERED);
        long[] at = new long[capacity];
        long[] fp = new long[capacity];
        for (int i = 0; i < size; i++) {
            at[i] = atMillis[(start + i) % atMillis.length];
            fp[i] = fingerprints[(start + i) % atMillis.length];
        }
        atMillis = at;
        fingerprints = fp;
        start = 0;
    }

    /** Accepted readings are strictly increasing in time, so the ring is sorted: binary search. */
    private int indexOf(long millis) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = atMillis[(start + mid) % atMillis.length];
            if (v < millis) {
                lo = mid + 1;
            } else if (v > millis) {
                hi = mid - 1;
            } else {
                return (start + mid) % atMillis.length;
            }
        }
        return -1;
    }

    /** The book as it would be after the readings accepted so far in this command; the book itself is untouched. */
    static final class Draft {

        private final ReadingBook base;
        private final List<AcceptedInterval> accepted = new ArrayList<>();
        private final Map<YearMonth, Long> importByMonth = new HashMap<>();

        private Draft(ReadingBook base) {
            this.base = base;
        }

        RegisterReading last() {
            return accepted.isEmpty() ? base.last() : accepted.get(accepted.size() - 1).reading();
        }

        /** When the current meter replaced the previous one ({@code null} if never replaced). */
        Instant replacedAt() {
            return base.replacedAt;
        }

        long importCountedIn(YearMonth month) {
            return base.importCountedIn(month) + importByMonth.getOrDefault(month, 0L);
        }

        boolean isRepeatOfAccepted(RegisterReading reading) {
            RegisterReading pending = pendingAt(reading.at());
            return pending != null ? pending.fingerprint() == reading.fingerprint() : base.isRepeatOfAccepted(reading);
        }

        boolean hasAcceptedAt(Instant at) {
            return pendingAt(at) != null || base.hasAcceptedAt(at);
        }

        void accept(AcceptedInterval interval) {
            accepted.add(interval);
            if (interval.consumptionMonth() != null && interval.chargedImportWh() > 0) {
                importByMonth.merge(interval.consumptionMonth(), interval.chargedImportWh(), Long::sum);
            }
        }

        private RegisterReading pendingAt(Instant at) {
            int lo = 0;
            int hi = accepted.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = accepted.get(mid).reading().at().compareTo(at);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return accepted.get(mid).reading();
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return "ReadingBook{last=" + last + ", remembered=" + size + ", months=" + importByMonth
                + ", hash=" + Arrays.hashCode(fingerprints) + "}";
    }
}
