package io.gridledger.adapter.device;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Per-meter message keys, diversified from one master key as prepaid metering does
 * ({@code key(meter) = HMAC-SHA256(master, "gridledger-device-key:" + meterId)}): the head-end keeps
 * a single secret, and a meter's key can be provisioned at the factory without a key table.
 *
 * <p>A message's tag is {@code HMAC-SHA256(key(meter), topic LF counter LF payload)}, hex: it binds
 * the payload to the meter's own topic and to a counter that must rise with every message, so a
 * copied, redirected or replayed message does not verify.
 */
public final class DeviceKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] master;

    public DeviceKeys(byte[] master) {
        if (master.length < 16) {
            throw new IllegalArgumentException("the device master key must have at least 16 bytes");
        }
        this.master = master.clone();
    }

    /** The key a meter is provisioned with. */
    public byte[] keyOf(String meterId) {
        return hmac(master, ("gridledger-device-key:" + meterId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A DLMS/COSEM meter's keys for security suite 0 (16 bytes each): the global unicast encryption
     * key, the authentication key and the master key (KEK), diversified from the master key like
     * the message key.
     */
    public record DlmsKeys(byte[] encryption, byte[] authentication, byte[] master) {
    }

    public DlmsKeys dlmsKeysOf(String meterId) {
        return new DlmsKeys(first16("gridledger-dlms-guek:" + meterId), first16("gridledger-dlms-ak:" + meterId),
                first16("gridledger-dlms-kek:" + meterId));
    }

    private byte[] first16(String label) {
        return java.util.Arrays.copyOf(hmac(master, label.getBytes(StandardCharsets.UTF_8)), 16);
    }

    /** The tag of a message sent by or to {@code meterId} on {@code topic}. */
    public String tag(String meterId, String topic, long counter, byte[] payload) {
        return HexFormat.of().formatHex(tag(keyOf(meterId), topic, counter, payload));
    }

    /** Whether {@code tag} (hex) is the tag of this message, compared in constant time. */
    public boolean verify(String meterId, String topic, long counter, byte[] payload, String tag) {
        return verify(keyOf(meterId), topic, counter, payload, tag);
    }

    /** The same check with a meter's own key (what a device does with the head-end's commands). */
    public static boolean verify(byte[] meterKey, String topic, long counter, byte[] payload, String tag) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(tag == null ? "" : tag);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(tag(meterKey, topic, counter, payload), given);
    }

    /** The tag computed with a meter's own key (what a device does). */
    public static byte[] tag(byte[] meterKey, String topic, long counter, byte[] payload) {
        byte[] header = (topic + "\n" + counter + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + payload.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(payload, 0, message, header.length, payload.length);
        return hmac(meterKey, message);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
