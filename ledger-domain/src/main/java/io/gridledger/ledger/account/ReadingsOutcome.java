package io.gridledger.ledger.account;

import java.util.List;

/**
 * How a delivery was taken: counts, and why each rejected reading was rejected. {@code sequence}
 * is the account's last event sequence afterwards.
 */
public record ReadingsOutcome(int accepted, int duplicate, int rejected, long sequence,
                              List<RejectedReading> rejections) {

    public ReadingsOutcome {
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
    }

    /** An outcome without rejections. */
    public ReadingsOutcome(int accepted, int duplicate, int rejected, long sequence) {
        this(accepted, duplicate, rejected, sequence, List.of());
    }
}
