package org.keybridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.keybridge.pkcs11.Attribute;
import org.keybridge.pkcs11.CK;
import org.keybridge.pkcs11.Pkcs11Library;
import org.keybridge.pkcs11.Pkcs11Module;
import org.keybridge.testkeys.TestKeys;

/** The demo keys were generated on the token: private halves are sensitive, never extractable, and match the certificates. */
class DemoKeysTest {
    @Test
    void privateKeysStayOnTheTokenAndCertificatesMatchThem() {
        DemoKeys.DemoKeySet keys = TestKeys.fresh("attrs");
        try (Pkcs11Module m = Pkcs11Module.open(keys.moduleSpec())) {
            for (DemoKeys.DemoToken t : keys.tokens()) {
                m.call(l -> {
                    long slot = slotOf(l, t.label());
                    long s = l.openSession(slot, false);
                    try {
                        l.login(s, CK.CKU_USER, t.userPin().getBytes());
                        long[] priv = l.findObjects(s, Attribute.ulong(CK.CKA_CLASS, CK.CKO_PRIVATE_KEY));
                        assertThat(priv).hasSize(1);
                        byte[][] v = l.getAttributeValues(s, priv[0], CK.CKA_SENSITIVE, CK.CKA_EXTRACTABLE, CK.CKA_SIGN, CK.CKA_VALUE);
                        assertThat(v[0]).containsExactly(1);
                        assertThat(v[1]).containsExactly(0);
                        assertThat(v[2]).containsExactly(1);
                        assertThat(v[3]).as("private value never revealed").isNull();
                        long[] pub = l.findObjects(s, Attribute.ulong(CK.CKA_CLASS, CK.CKO_PUBLIC_KEY));
                        if (t.keyType() == org.keybridge.format.KeyType.RSA) {
                            byte[] mod = l.getAttributeValues(s, pub[0], CK.CKA_MODULUS)[0];
                            assertThat(new BigInteger(1, mod)).isEqualTo(((RSAPublicKey) t.certificate().getPublicKey()).getModulus());
                        } else {
                            byte[] point = l.getAttributeValues(s, pub[0], CK.CKA_EC_POINT)[0];
                            byte[] spki = t.certificate().getPublicKey().getEncoded();
                            byte[] tail = java.util.Arrays.copyOfRange(spki, spki.length - 65, spki.length);
                            assertThat(point).endsWith(tail);
                        }
                        l.logout(s);
                    } finally {
                        l.closeSession(s);
                    }
                    return null;
                });
            }
        }
    }

    @Test
    void refusesADirectoryThatAlreadyHoldsAStore() {
        DemoKeys.DemoKeySet keys = TestKeys.fresh("twice");
        assertThatThrownBy(() -> DemoKeys.create(keys.dir(), keys.library(), Instant.now()))
                .isInstanceOf(IOException.class).hasMessageContaining("already holds");
    }

    static long slotOf(Pkcs11Library l, String label) {
        for (long s : l.getSlotList(true)) if (l.getTokenInfo(s).label().equals(label)) return s;
        throw new AssertionError("no token " + label);
    }
}
