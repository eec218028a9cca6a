package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.KeyType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.keybridge.demo.DemoKeys;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.testkeys.TestKeys;

/** Signatures made on the SoftHSM token verify with the JDK's software verifier against the certificate. */
class SigningTest {
    static DemoKeys.DemoKeySet keys;
    static TokenDriver driver;
    static final byte[] DATA = "登录 challenge · KeyBridge".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void open() {
        keys = TestKeys.shared();
        driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults());
    }

    @AfterAll
    static void close() { driver.close(); }

    static DemoKeys.DemoToken tokenFor(SignatureAlgorithm alg) {
        return keys.token(alg.keyType() == KeyType.RSA ? DemoKeys.SOCIAL_SECURITY_LABEL : DemoKeys.TAX_LABEL);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = "SM2SM3", mode = EnumSource.Mode.EXCLUDE) // SM2: SoftUKeyTest, Sm2Pkcs11Test
    void signatureVerifiesAgainstTheCertificate(SignatureAlgorithm alg) throws Exception {
        DemoKeys.DemoToken t = tokenFor(alg);
        byte[] raw = driver.sign(t.certificateId(), alg, EcdsaEncoding.RAW, DATA, r -> t.userPin().toCharArray());
        assertThat(verify(alg, raw, false, t)).isTrue();
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;
        assertThat(verifyOver(alg, raw, false, t, tampered)).isFalse();
        if (alg.keyType() == KeyType.EC) {
            assertThat(raw).hasSize(64); // r‖s of P-256, whatever the hash
            byte[] der = driver.sign(t.certificateId(), alg, EcdsaEncoding.DER, DATA, r -> t.userPin().toCharArray());
            assertThat(der[0]).isEqualTo((byte) 0x30);
            assertThat(verify(alg, der, true, t)).isTrue();
        } else {
            assertThat(raw).hasSize(256);
        }
    }

    @Test
    void oneLoginSignsManyTimes() throws Exception {
        DemoKeys.DemoToken t = keys.token(DemoKeys.TAX_LABEL);
        int[] asked = {0};
        try (SigningSession s = driver.login(t.certificateId(), r -> {
            asked[0]++;
            return t.userPin().toCharArray();
        })) {
            for (int i = 0; i < 20; i++) assertThat(verify(SignatureAlgorithm.ES256, s.sign(SignatureAlgorithm.ES256, DATA), false, t)).isTrue();
        }
        assertThat(asked[0]).isEqualTo(1);
    }

    @Test
    void rsaAlgorithmOnAnEcKeyIsUnsupportedMechanism() {
        DemoKeys.DemoToken t = keys.token(DemoKeys.TAX_LABEL);
        assertThatThrownBy(() -> driver.sign(t.certificateId(), SignatureAlgorithm.RS256, EcdsaEncoding.RAW, DATA,
                r -> t.userPin().toCharArray()))
                .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MECHANISM));
    }

    @Test
    void unknownCertificateIdIsNoCertificate() {
        assertThatThrownBy(() -> driver.login("00".repeat(32), r -> "1".toCharArray()))
                .isInstanceOfSatisfying(KeyBridgeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CERTIFICATE));
    }

    static boolean verify(SignatureAlgorithm alg, byte[] sig, boolean der, DemoKeys.DemoToken t) throws Exception {
        return verifyOver(alg, sig, der, t, DATA);
    }

    static boolean verifyOver(SignatureAlgorithm alg, byte[] sig, boolean der, DemoKeys.DemoToken t, byte[] data) throws Exception {
        String h = alg.hash().replace("-", "");
        Signature v = switch (alg.padding()) {
            case PKCS1 -> Signature.getInstance(h + "withRSA");
            case PSS -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec(alg.hash(), "MGF1", new MGF1ParameterSpec(alg.hash()), alg.hashLength(), 1));
                yield s;
            }
            case NONE -> Signature.getInstance(h + (der ? "withECDSA" : "withECDSAinP1363Format"));
        };
        v.initVerify(t.certificate().getPublicKey());
        v.update(data);
        return v.verify(sig);
    }
}
