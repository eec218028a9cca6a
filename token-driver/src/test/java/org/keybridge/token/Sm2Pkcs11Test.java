package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.KeyType;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.Sm2;
import org.keybridge.testkeys.Sm2Check;
import org.keybridge.testkeys.TestKeys;

/** SM2 through a PKCS#11 module with vendor mechanism numbers (native/p11sm2.c), chosen by the module's map. */
class Sm2Pkcs11Test {
    static TestKeys.SoftUKey key;
    static final byte[] DATA = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example.cn",
            Sm2Check.NONCE);

    @BeforeAll
    static void keys() { key = TestKeys.softUKey("p11"); }

    byte[] sign(Map<String, Long> map, EcdsaEncoding encoding) {
        try (TokenDriver d = TokenDriver.open(List.of(TestKeys.p11sm2(key, map)), DriverOptions.defaults())) {
            TokenCertificate c = d.certificate(key.token().certificateId());
            assertThat(c.keyType()).isEqualTo(KeyType.SM2);
            assertThat(c.hasPrivateKey()).isTrue();
            return d.sign(c.id(), SignatureAlgorithm.SM2SM3, encoding, DATA, r -> key.token().userPin().toCharArray());
        }
    }

    @Test
    void eachVendorMechanismGivesASignatureThatVerifiesWithTheUserId() throws Exception {
        for (String name : List.of("CKM_SM2_SIGN_NO_DER", "CKM_SM2_SIGN", "CKM_SM3_SM2")) {
            long number = switch (name) {
                case "CKM_SM2_SIGN_NO_DER" -> 0x80008105L;
                case "CKM_SM2_SIGN" -> 0x80008104L;
                default -> 0x80008100L;
            };
            byte[] raw = sign(Map.of(name, number), EcdsaEncoding.RAW);
            assertThat(raw).as(name).hasSize(64);
            assertThat(Sm2Check.verifies(key.token().certificate(), DATA, SigningSession.rawToDer(raw),
                    Sm2.DEFAULT_USER_ID)).as(name).isTrue();
            byte[] der = sign(Map.of(name, number), EcdsaEncoding.DER);
            assertThat(Sm2Check.verifies(key.token().certificate(), DATA, der, Sm2.DEFAULT_USER_ID)).as(name + " DER").isTrue();
        }
    }

    /** Haitai's spellings, here with p11sm2's numbers: the token-hashing one, and the prehash one answering raw r‖s. */
    @Test
    void vendorSpellingsPlayTheirRoles() throws Exception {
        for (Map<String, Long> map : List.of(Map.of("CKM_SM2_SM3_SIGN_VERIFY", 0x80008100L),
                Map.of("CKM_SM2_SIGN_VERIFY", 0x80008105L), Map.of("CKM_SM2_SIGN_VERIFY", 0x80008104L))) {
            byte[] der = sign(map, EcdsaEncoding.DER);
            assertThat(Sm2Check.verifies(key.token().certificate(), DATA, der, Sm2.DEFAULT_USER_ID)).as("%s", map).isTrue();
        }
    }

    /** A spec without a map asks the options' source (the catalog's, in the agent); a spec with one never does. */
    @Test
    void aModuleWithoutAMapTakesTheSourcesAndOneWithAMapKeepsIt() throws Exception {
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        DriverOptions options = DriverOptions.defaults().withSm2Mechanisms(spec -> {
            asked.add(spec.name());
            return Map.of("CKM_SM2_SIGN_NO_DER", 0x80008105L);
        });
        try (TokenDriver d = TokenDriver.open(List.of(TestKeys.p11sm2(key, Map.of())), options)) {
            assertThat(asked).as("not at start: only when an SM2 key signs").isEmpty();
            byte[] raw = d.sign(key.token().certificateId(), SignatureAlgorithm.SM2SM3, EcdsaEncoding.RAW, DATA,
                    r -> key.token().userPin().toCharArray());
            assertThat(Sm2Check.verifies(key.token().certificate(), DATA, SigningSession.rawToDer(raw), Sm2.DEFAULT_USER_ID)).isTrue();
            assertThat(asked).containsExactly("p11sm2");
        }
        asked.clear();
        try (TokenDriver d = TokenDriver.open(List.of(TestKeys.p11sm2(key, Map.of("CKM_SM2_SIGN_NO_DER", 0x00010004L))), options)) {
            assertThatThrownBy(() -> d.sign(key.token().certificateId(), SignatureAlgorithm.SM2SM3, EcdsaEncoding.RAW, DATA,
                    r -> key.token().userPin().toCharArray())).isInstanceOfSatisfying(KeyBridgeException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MECHANISM));
            assertThat(asked).as("the configured map wins, even a wrong one").isEmpty();
        }
    }

    @Test
    void aMapWithoutANumberTheTokenOffersIsUnsupportedMechanism() {
        // another vendor's numbers (the 0x0001xxxx family), which this token does not have
        for (Map<String, Long> map : List.of(Map.<String, Long>of(), Map.of("CKM_SM2_SIGN_NO_DER", 0x00010004L))) {
            assertThatThrownBy(() -> sign(map, EcdsaEncoding.RAW)).isInstanceOfSatisfying(KeyBridgeException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MECHANISM));
        }
    }
}
