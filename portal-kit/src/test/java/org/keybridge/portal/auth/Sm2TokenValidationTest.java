package org.keybridge.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.format.AuthToken;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.Sm2;
import org.keybridge.portal.challenge.ChallengeNonce;

/** SM2SM3 tokens over SM2 certificate chains (SM3withSM2 CAs), signed here with Bouncy Castle's own SM2. */
class Sm2TokenValidationTest {
    static final String ORIGIN = "https://portal.example.cn";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String SUBJECT = "CN=深圳市示例科技有限公司,O=深圳市示例科技有限公司,SERIALNUMBER=91440300MA5KBD018E,C=CN";
    static final java.security.Provider BC = Sm2Verification.BC;
    static KeyPair rootKey, issuingKey, eeKey, otherKey;
    static X509Certificate root, issuing, ee, otherIssuing, otherEe;
    static AuthTokenValidator validator;
    final String nonce = ChallengeNonce.generate(new SecureRandom()).value();

    @BeforeAll
    static void pki() throws Exception {
        rootKey = sm2();
        issuingKey = sm2();
        eeKey = sm2();
        otherKey = sm2();
        X500Name rootName = new X500Name("CN=SM2 Root,C=CN"), issuingName = new X500Name("CN=SM2 Tax CA,C=CN");
        root = cert(rootName, rootKey.getPublic(), rootName, rootKey.getPrivate(), true, KeyUsage.keyCertSign);
        issuing = cert(issuingName, issuingKey.getPublic(), rootName, rootKey.getPrivate(), true, KeyUsage.keyCertSign);
        ee = cert(new X500Name(SUBJECT), eeKey.getPublic(), issuingName, issuingKey.getPrivate(), false, KeyUsage.digitalSignature);
        // same issuer name, another key: must not chain
        otherIssuing = cert(issuingName, otherKey.getPublic(), issuingName, otherKey.getPrivate(), true, KeyUsage.keyCertSign);
        otherEe = cert(new X500Name(SUBJECT), eeKey.getPublic(), issuingName, otherKey.getPrivate(), false, KeyUsage.digitalSignature);
        validator = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    static KeyPair sm2() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
        g.initialize(new ECGenParameterSpec("sm2p256v1"));
        return g.generateKeyPair();
    }

    static X509Certificate cert(X500Name subject, PublicKey key, X500Name issuer, PrivateKey signer, boolean ca, int ku)
            throws Exception {
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(NOW.minusSeconds(86400L * 100)), Date.from(NOW.plusSeconds(86400L * 100)), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ku));
        if (!ca) b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder("SM3withSM2").setProvider(BC).build(signer)));
    }

    /** r‖s of BC's SM3withSM2 with {@code userId} over the login data. */
    AuthToken token(X509Certificate cert, PrivateKey key, String alg, String userId, boolean raw) throws Exception {
        Signature s = Signature.getInstance("SM3withSM2", BC);
        s.setParameter(new SM2ParameterSpec(userId.getBytes(StandardCharsets.US_ASCII)));
        s.initSign(key);
        s.update(AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, ORIGIN, nonce));
        byte[] der = s.sign();
        byte[] sig = der;
        if (raw) {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            sig = new byte[64];
            byte[] r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue().toByteArray();
            byte[] t = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue().toByteArray();
            int rn = Math.min(r.length, 32), tn = Math.min(t.length, 32);
            System.arraycopy(r, r.length - rn, sig, 32 - rn, rn);
            System.arraycopy(t, t.length - tn, sig, 64 - tn, tn);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        return new AuthToken(b64.encodeToString(cert.getEncoded()), alg, b64.encodeToString(sig), AuthTokenFormat.FORMAT,
                "https://keybridge.org/agent/test");
    }

    void assertCode(AuthToken token, String code) {
        assertThatThrownBy(() -> validator.validate(token, nonce)).isInstanceOf(AuthTokenException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo(code));
    }

    @Test
    void sm2TokenOverAnSm2ChainIsAccepted() throws Exception {
        ValidatedToken v = validator.validate(token(ee, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), nonce);
        assertThat(v.algorithm()).isEqualTo(SignatureAlgorithm.SM2SM3);
        assertThat(v.certificate().getEncoded()).isEqualTo(ee.getEncoded());
        assertThat(v.uscc()).isEqualTo("91440300MA5KBD018E");
    }

    @Test
    void anotherUserIdIsSignatureInvalid() throws Exception {
        assertCode(token(ee, eeKey.getPrivate(), "SM2SM3", "", true), "SIGNATURE_INVALID"); // old BC's empty default
        assertCode(token(ee, eeKey.getPrivate(), "SM2SM3", "1234567812345679", true), "SIGNATURE_INVALID");
    }

    @Test
    void derInsteadOfRawAndAnotherKeyAreSignatureInvalid() throws Exception {
        assertCode(token(ee, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, false), "SIGNATURE_INVALID");
        assertCode(token(ee, otherKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), "SIGNATURE_INVALID");
    }

    @Test
    void sm2AndOtherAlgorithmsDoNotMix() throws Exception {
        assertCode(token(ee, eeKey.getPrivate(), "ES256", Sm2.DEFAULT_USER_ID, true), "ALGORITHM_NOT_ALLOWED");
        KeyPair p256 = KeyPairGenerator.getInstance("EC").genKeyPair();
        X509Certificate ecCert = cert(new X500Name(SUBJECT), p256.getPublic(), new X500Name("CN=SM2 Tax CA,C=CN"),
                issuingKey.getPrivate(), false, KeyUsage.digitalSignature);
        assertCode(token(ecCert, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), "ALGORITHM_NOT_ALLOWED");
        AuthTokenValidator noSm2 = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).allowedAlgorithms(SignatureAlgorithm.ES256).build();
        assertThatThrownBy(() -> noSm2.validate(token(ee, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), nonce))
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("ALGORITHM_NOT_ALLOWED"));
    }

    @Test
    void sm2ChainToAnotherCaIsUntrusted() throws Exception {
        assertCode(token(otherEe, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), "CERTIFICATE_UNTRUSTED");
        AuthTokenValidator byRoot = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(root)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        // the root alone: the token carries no intermediate, so PKIX cannot build the path
        assertThatThrownBy(() -> byRoot.validate(token(ee, eeKey.getPrivate(), "SM2SM3", Sm2.DEFAULT_USER_ID, true), nonce))
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo("CERTIFICATE_UNTRUSTED"));
    }
}
