package io.gridledger.adapter.dlms;

import io.gridledger.ledger.account.RegisterReading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pushed data notifications in a general-glo-ciphering envelope, security suite 0. */
class DataNotificationsTest {

    static final byte[] TITLE = HexFormat.of().parseHex("474C530000001092");
    static final byte[] EK = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
    static final byte[] AK = HexFormat.of().parseHex("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");

    @Test
    void aPushedLoadProfileBecomesReadings() {
        List<RegisterReading> sent = List.of(RegisterReading.of(Instant.parse("2026-11-28T10:00:00Z"), 1_000_000L, 0L),
                RegisterReading.of(Instant.parse("2026-11-28T10:15:00Z"), 1_000_420L, 7L));
        byte[] frame = DataNotifications.frame(TITLE, 77, sent, EK, AK);

        DataNotifications.Envelope envelope = DataNotifications.envelope(frame);
        assertThat(envelope.systemTitle()).isEqualTo(TITLE);
        assertThat(envelope.invocationCounter()).isEqualTo(77);
        byte[] apdu = DlmsCipher.decrypt(envelope.systemTitle(), envelope.securityControl(),
                envelope.invocationCounter(), envelope.cipherTextAndTag(), EK, AK);
        assertThat(apdu[0]).as("data-notification").isEqualTo((byte) 0x0F);
        assertThat(DataNotifications.readings(apdu)).isEqualTo(sent);
    }

    @Test
    void aFrameThatIsNotTheMetersOrNotCipheredIsRefused() {
        byte[] frame = DataNotifications.frame(TITLE, 78, List.of(RegisterReading.of(Instant.parse(
                "2026-11-28T10:00:00Z"), 1L, 0L)), EK, AK);
        DataNotifications.Envelope envelope = DataNotifications.envelope(frame);
        byte[] otherEk = EK.clone();
        otherEk[15] ^= 1;
        assertThatThrownBy(() -> DlmsCipher.decrypt(envelope.systemTitle(), envelope.securityControl(),
                envelope.invocationCounter(), envelope.cipherTextAndTag(), otherEk, AK))
                .isInstanceOf(FrameAuthenticationException.class);
        byte[] plain = frame.clone();
        plain[11] = 0x00; // security control: nothing
        assertThatThrownBy(() -> DataNotifications.envelope(plain)).isInstanceOf(FrameAuthenticationException.class);
        assertThatThrownBy(() -> DataNotifications.envelope(java.util.Arrays.copyOf(frame, 20)))
                .isInstanceOf(FrameAuthenticationException.class);
        assertThatThrownBy(() -> DataNotifications.envelope(new byte[] {0x0F, 0, 0, 0, 1}))
                .isInstanceOf(FrameAuthenticationException.class).hasMessageContaining("ciphered");
    }
}
