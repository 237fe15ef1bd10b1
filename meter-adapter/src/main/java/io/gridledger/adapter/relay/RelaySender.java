package io.gridledger.adapter.relay;

import io.gridledger.adapter.device.Protocol;

import java.util.concurrent.CompletableFuture;

/** Carries a relay command to a meter over one protocol; completes once the transport has it. */
public interface RelaySender {

    Protocol protocol();

    CompletableFuture<Void> send(String meterId, byte[] command);
}
