package io.gridledger.adapter.relay;

import io.gridledger.adapter.device.Protocol;

import java.util.concurrent.CompletableFuture;

/** Carries a relay command to a meter over one protocol; completes once the transport has it. */
public interface RelaySender {

    Protocol protocol();

    /** Whether this meter can be switched this way (a meter may report over a protocol but have no relay on it). */
    default boolean reaches(String meterId) {
        return true;
    }

    CompletableFuture<Void> send(String meterId, byte[] command);
}
