package io.gridledger.api.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A payment provider's webhook signature: header {@code GridLedger-Signature: t=<unix seconds>,v1=<hex>}
 * with {@code v1 = HMAC-SHA256(secret, t + "." + raw body)}. A signature older or newer than the
 * tolerance (5 minutes) is refused, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "GridLedger-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a signature was refused (the message is safe to return: it contains no secret). */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private WebhookSignature() {
    }

    /** The header value a provider sends for {@code body} at {@code at}. */
    public static String sign(byte[] secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** Checks the header against the raw body; throws {@link Refused} saying why. */
    public static void verify(byte[] secret, String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw new Refused("the request has no " + HEADER + " header");
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            try {
                if (kv[0].equals("t")) {
                    t = Long.parseLong(kv[1]);
                } else if (kv[0].equals("v1")) {
                    given = HexFormat.of().parseHex(kv[1]);
                }
            } catch (IllegalArgumentException e) {
                throw new Refused(HEADER + " is not t=<seconds>,v1=<hex>");
            }
        }
        if (t == null || given == null) {
            throw new Refused(HEADER + " is not t=<seconds>,v1=<hex>");
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(TOLERANCE) > 0) {
            throw new Refused("the signature's time is more than " + TOLERANCE.toMinutes() + " minutes from now");
        }
        if (!MessageDigest.isEqual(mac(secret, t, body), given)) {
            throw new Refused("the signature does not match the body");
        }
    }

    private static byte[] mac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
