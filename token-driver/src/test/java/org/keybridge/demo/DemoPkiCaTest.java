package org.keybridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoPkiCaTest {

    private static final Instant NOW = Instant.parse("2026-03-15T08:30:45.678Z");
    private static DemoPki pki;

    @BeforeAll
    static void createPki() {
        pki = DemoPki.create(NOW);
    }

    static Stream<CaChain> chains() {
        return Stream.of(pki.socialSecurity(), pki.tax());
    }

    @Test
    void hierarchiesCarryTheSpecifiedNames() {
        assertThat(pki.socialSecurity().name()).isEqualTo("Demo Social Security CA");
        assertThat(subject(pki.socialSecurity().root())).isEqualTo("CN=Demo Social Security Root CA,O=KeyBridge Demo,C=CN");
        assertThat(subject(pki.socialSecurity().issuing())).isEqualTo("CN=Demo Social Security CA,O=KeyBridge Demo,C=CN");
        assertThat(pki.tax().name()).isEqualTo("Demo Tax CA");
        assertThat(subject(pki.tax().root())).isEqualTo("CN=Demo Tax Root CA,O=KeyBridge Demo,C=CN");
        assertThat(subject(pki.tax().issuing())).isEqualTo("CN=Demo Tax CA,O=KeyBridge Demo,C=CN");
    }

    @ParameterizedTest
    @MethodSource("chains")
    void rootIsSelfSignedAndSignsTheIssuingCa(CaChain ca) throws Exception {
        ca.root().verify(ca.root().getPublicKey());
        ca.issuing().verify(ca.root().getPublicKey());
        assertThat(ca.issuing().getIssuerX500Principal()).isEqualTo(ca.root().getSubjectX500Principal());
        assertThat(ca.chain()).containsExactly(ca.issuing(), ca.root());
    }

    @Test
    void issuingCaDoesNotVerifyAgainstTheOtherRoot() {
        assertThatThrownBy(() -> pki.tax().issuing().verify(pki.socialSecurity().root().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @MethodSource("chains")
    void validityIsOneYearBackAndTwentyOrTenYearsAhead(CaChain ca) {
        // fractions of a second are dropped: X.509 times have whole seconds
        assertThat(ca.root().getNotBefore().toInstant()).isEqualTo("2025-03-15T08:30:45Z");
        assertThat(ca.root().getNotAfter().toInstant()).isEqualTo("2046-03-15T08:30:45Z");
        assertThat(ca.issuing().getNotBefore().toInstant()).isEqualTo("2025-03-15T08:30:45Z");
        assertThat(ca.issuing().getNotAfter().toInstant()).isEqualTo("2036-03-15T08:30:45Z");
    }

    @ParameterizedTest
    @MethodSource("chains")
    void caExtensionsAreCriticalConstraintsAndCertSigningOnly(CaChain ca) throws Exception {
        for (X509Certificate cert : ca.chain()) {
            assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
            // digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign
            assertThat(cert.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
            assertThat(cert.getExtendedKeyUsage()).isNull();
        }
        assertThat(ca.root().getBasicConstraints()).isEqualTo(Integer.MAX_VALUE); // CA without path length
        assertThat(ca.issuing().getBasicConstraints()).isZero();
    }

    @ParameterizedTest
    @MethodSource("chains")
    void keyIdentifiersLinkEachCertificateToItsIssuer(CaChain ca) throws Exception {
        assertThat(subjectKeyId(ca.root())).isEqualTo(sha1OfPublicKey(ca.root()));
        assertThat(subjectKeyId(ca.issuing())).isEqualTo(sha1OfPublicKey(ca.issuing()));
        assertThat(authorityKeyId(ca.root())).isEqualTo(subjectKeyId(ca.root()));
        assertThat(authorityKeyId(ca.issuing())).isEqualTo(subjectKeyId(ca.root()));
    }

    @ParameterizedTest
    @MethodSource("chains")
    void caKeysAreP256SignedWithSha256Ecdsa(CaChain ca) {
        for (X509Certificate cert : List.of(ca.root(), ca.issuing())) {
            assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
            assertThat(cert.getVersion()).isEqualTo(3);
        }
        assertThat(ca.issuingKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void hierarchiesHaveDistinctKeysAndSerials() {
        assertThat(pki.tax().root().getPublicKey()).isNotEqualTo(pki.socialSecurity().root().getPublicKey());
        assertThat(pki.tax().issuing().getSerialNumber()).isNotEqualTo(pki.socialSecurity().issuing().getSerialNumber());
    }

    @Test
    void chainToStringLeavesTheKeyOut() {
        String text = pki.tax().toString();
        assertThat(text).contains("Demo Tax CA").doesNotContain("issuingKey").doesNotContain(pki.tax().issuingKey().toString());
    }

    static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    static byte[] subjectKeyId(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue("2.5.29.14");
        return ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
    }

    static byte[] authorityKeyId(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue("2.5.29.35");
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifierOctets();
    }

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
    static byte[] sha1OfPublicKey(X509Certificate cert) throws Exception {
        byte[] bits = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded()).getPublicKeyData().getBytes();
        return MessageDigest.getInstance("SHA-1").digest(bits);
    }
}
