package io.gridledger.adapter.ledger;

import io.gridledger.ledger.account.MeterEvent;
import io.gridledger.ledger.account.RegisterReading;
import io.gridledger.ledger.account.SupplyState;

import java.time.Instant;
import java.util.List;

/**
 * What the head-end hands to the ledger. Both calls are idempotent on the ledger side (a repeated
 * delivery is counted as duplicates, a repeated confirmation changes nothing), so the adapter may
 * deliver again after a crash without charging twice.
 */
public interface LedgerPort {

    /** @throws LedgerRefusedException when the ledger refuses for good (unknown meter, invalid data) */
    void deliverReadings(String meterId, List<RegisterReading> readings, Instant receivedAt);

    /** @throws LedgerRefusedException when the ledger refuses for good */
    void recordEvents(String meterId, List<MeterEvent> events, Instant receivedAt);

    /** @throws LedgerRefusedException when the ledger refuses for good */
    void confirmSupplyState(String meterId, SupplyState state, Instant at, Instant receivedAt);
}
