package io.gridledger.adapter.dlms;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Security suite 0 of DLMS/COSEM (Green Book 9.2.7): AES-GCM-128 with IV = system title (8 bytes) ‖
 * invocation counter (4 bytes), additional data = security control byte ‖ authentication key, and a
 * 12-byte tag. Used for pushed frames, which arrive without an association.
 */
public final class DlmsCipher {

    /** Security control 0x30: authenticated and encrypted, suite 0. */
    public static final byte AUTHENTICATED_AND_ENCRYPTED = 0x30;
    private static final int TAG_BITS = 96;

    private DlmsCipher() {
    }

    /** Decrypts and checks the tag; throws {@link FrameAuthenticationException} when the frame is not the meter's. */
    public static byte[] decrypt(byte[] systemTitle, byte securityControl, long invocationCounter,
                                 byte[] cipherTextAndTag, byte[] encryptionKey, byte[] authenticationKey) {
        try {
            return cipher(Cipher.DECRYPT_MODE, systemTitle, securityControl, invocationCounter, encryptionKey,
                    authenticationKey).doFinal(cipherTextAndTag);
        } catch (AEADBadTagException e) {
            throw new FrameAuthenticationException("the frame's GMAC tag does not verify with the meter's keys");
        } catch (GeneralSecurityException e) {
            throw new FrameAuthenticationException("the frame cannot be deciphered: " + e.getMessage());
        }
    }

    /** Enciphers as a meter does (for simulators and tests): cipher text followed by the 12-byte tag. */
    public static byte[] encrypt(byte[] systemTitle, byte securityControl, long invocationCounter, byte[] plainText,
                                 byte[] encryptionKey, byte[] authenticationKey) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, systemTitle, securityControl, invocationCounter, encryptionKey,
                    authenticationKey).doFinal(plainText);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static Cipher cipher(int mode, byte[] systemTitle, byte securityControl, long invocationCounter,
                                 byte[] encryptionKey, byte[] authenticationKey) throws GeneralSecurityException {
        if (systemTitle.length != 8) {
            throw new FrameAuthenticationException("a system title has 8 bytes, not " + systemTitle.length);
        }
        byte[] iv = ByteBuffer.allocate(12).put(systemTitle).putInt((int) invocationCounter).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(encryptionKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(ByteBuffer.allocate(1 + authenticationKey.length).put(securityControl).put(authenticationKey)
                .array());
        return cipher;
    }
}
