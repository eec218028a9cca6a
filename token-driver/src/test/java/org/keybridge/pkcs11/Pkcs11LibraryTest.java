package org.keybridge.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pkcs11LibraryTest {
    @Test
    void labelIsBlankPaddedUtf8AndNeverCutInsideACharacter() {
        byte[] l = Pkcs11Library.paddedLabel("社保CA");
        assertThat(l).hasSize(32);
        assertThat(new String(l, StandardCharsets.UTF_8).strip()).isEqualTo("社保CA");
        byte[] longer = Pkcs11Library.paddedLabel("社".repeat(11)); // 33 bytes: only 10 characters fit
        assertThat(new String(longer, StandardCharsets.UTF_8).strip()).isEqualTo("社".repeat(10));
        assertThat(longer[30]).isEqualTo((byte) ' ');
    }

    @Test
    void returnValuesHaveTheirSpecNames() {
        assertThat(CK.rvName(0xA0)).isEqualTo("CKR_PIN_INCORRECT");
        assertThat(CK.rvName(0x32)).isEqualTo("CKR_DEVICE_REMOVED");
        assertThat(CK.rvName(0x8000_0001L)).isEqualTo("CKR_0x80000001");
    }

    @Test
    void goneCodesAreTokenGoneAndPinCodesAreNot() {
        assertThat(new Pkcs11Exception("C_Sign", CK.CKR_DEVICE_REMOVED).tokenGone()).isTrue();
        assertThat(new Pkcs11Exception("C_Sign", CK.CKR_SESSION_HANDLE_INVALID).tokenGone()).isTrue();
        assertThat(new Pkcs11Exception("C_Login", CK.CKR_PIN_INCORRECT).tokenGone()).isFalse();
    }

    @Test
    void ulongAttributeRoundTrips() {
        assertThat(Attribute.toUlong(Attribute.ulong(CK.CKA_CLASS, CK.CKO_PRIVATE_KEY).value())).isEqualTo(CK.CKO_PRIVATE_KEY);
        assertThat(Attribute.toUlong(Attribute.ulong(CK.CKA_MODULUS_BITS, 2048).value())).isEqualTo(2048);
    }
}
