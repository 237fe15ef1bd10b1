package io.gridledger.projections.settlement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An event as stored, with everything the hash chain covers: its place, identity, aggregate,
 * storage time, payload type and the payload bytes exactly as in the event store.
 */
public record ChainedEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
                           long sequence, Instant timestamp, String payloadType, String payloadRevision,
                           byte[] payload) {

    /** The hash before the first event. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * {@code SHA-256(previous ‖ "\n" ‖ globalIndex ‖ "\n" ‖ eventId ‖ "\n" ‖ aggregateType ‖ "\n" ‖
     * aggregateId ‖ "\n" ‖ sequence ‖ "\n" ‖ timestamp ‖ "\n" ‖ payloadType ‖ "\n" ‖ payloadRevision ‖
     * "\n" ‖ payload)} in lower-case hex; text in UTF-8, absent values empty, the time stamp in
     * ISO-8601 as {@link Instant#toString()} writes it.
     */
    public String chainAfter(String previousHash) {
        String header = previousHash + "\n" + globalIndex + "\n" + eventId + "\n" + nullToEmpty(aggregateType) + "\n"
                + nullToEmpty(aggregateId) + "\n" + sequence + "\n" + timestamp + "\n" + payloadType + "\n"
                + nullToEmpty(payloadRevision) + "\n";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(header.getBytes(StandardCharsets.UTF_8));
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
