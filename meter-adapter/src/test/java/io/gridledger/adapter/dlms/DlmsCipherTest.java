package io.gridledger.adapter.dlms;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security-suite-0 example of the DLMS UA Green Book (glo-initiate-request, system title
 * 4D4D4D0000BC614E, invocation counter 01234567, security control 30, the book's EK and AK).
 */
class DlmsCipherTest {

    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final byte[] SYSTEM_TITLE = HEX.parseHex("4D4D4D0000BC614E");
    static final byte[] EK = HEX.parseHex("000102030405060708090A0B0C0D0E0F");
    static final byte[] AK = HEX.parseHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
    static final byte[] PLAIN = HEX.parseHex("01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0");
    static final byte[] CIPHERED = HEX.parseHex(
            "801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE68" + "41DB204D39EE6FDB8E356855");

    @Test
    void theGreenBookFrameDeciphersToItsInitiateRequest() {
        assertThat(DlmsCipher.decrypt(SYSTEM_TITLE, (byte) 0x30, 0x01234567L, CIPHERED, EK, AK)).isEqualTo(PLAIN);
        assertThat(DlmsCipher.encrypt(SYSTEM_TITLE, (byte) 0x30, 0x01234567L, PLAIN, EK, AK)).isEqualTo(CIPHERED);
    }

    @Test
    void oneChangedByteAnotherCounterOrAnotherKeyIsRefused() {
        byte[] changed = CIPHERED.clone();
        changed[5] ^= 0x01;
        assertThatThrownBy(() -> DlmsCipher.decrypt(SYSTEM_TITLE, (byte) 0x30, 0x01234567L, changed, EK, AK))
                .isInstanceOf(FrameAuthenticationException.class);
        assertThatThrownBy(() -> DlmsCipher.decrypt(SYSTEM_TITLE, (byte) 0x30, 0x01234568L, CIPHERED, EK, AK))
                .isInstanceOf(FrameAuthenticationException.class);
        byte[] otherAk = AK.clone();
        otherAk[0] ^= 0x01;
        assertThatThrownBy(() -> DlmsCipher.decrypt(SYSTEM_TITLE, (byte) 0x30, 0x01234567L, CIPHERED, EK, otherAk))
                .isInstanceOf(FrameAuthenticationException.class);
    }
}
