package org.keybridge.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keybridge.portal.auth.TestPki.EC_KEY;
import static org.keybridge.portal.auth.TestPki.NOW;
import static org.keybridge.portal.auth.TestPki.RSA_KEY;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keybridge.format.AuthToken;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.challenge.ChallengeNonce;
import org.keybridge.uscc.Uscc;

class AuthTokenValidatorTest {

    static final String ORIGIN = "https://portal.example.cn";
    static final String USCC = Uscc.withCheckCharacter("91440300MA5F12345").value();
    static final String SUBJECT = "CN=Shenzhen Example Trading Co.,O=" + USCC + ",C=CN";

    static TestPki.Ca root, issuing, otherRoot, otherIssuing;
    static X509Certificate ecCert, rsaCert;
    static AuthTokenValidator validator;

    final String nonce = ChallengeNonce.generate(new SecureRandom()).value();

    @BeforeAll
    static void pki() throws Exception {
        root = TestPki.root("Test Root CA");
        issuing = TestPki.issuing(root, "Test Issuing CA");
        otherRoot = TestPki.root("Other Root CA");
        otherIssuing = TestPki.issuing(otherRoot, "Other Issuing CA");
        ecCert = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT);
        rsaCert = TestPki.ee(issuing, RSA_KEY.getPublic(), SUBJECT);
        validator = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing.cert())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private AuthToken token(X509Certificate cert, KeyPair key, SignatureAlgorithm alg) throws Exception {
        return TestPki.token(cert, key.getPrivate(), alg, ORIGIN, nonce);
    }

    private void assertCode(AuthToken token, String code) {
        assertThatThrownBy(() -> validator.validate(token, nonce))
                .isInstanceOf(AuthTokenException.class)
                .satisfies(e -> assertThat(((AuthTokenException) e).code()).isEqualTo(code));
    }

    @Test
    void validEs256TokenIsAccepted() throws Exception {
        ValidatedToken v = validator.validate(token(ecCert, EC_KEY, SignatureAlgorithm.ES256), nonce);
        assertThat(v.algorithm()).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(v.certificate()).isEqualTo(ecCert);
        assertThat(v.uscc()).isEqualTo(USCC);
    }

    @Test
    void validRs256AndPs256TokensAreAccepted() throws Exception {
        assertThat(validator.validate(token(rsaCert, RSA_KEY, SignatureAlgorithm.RS256), nonce).algorithm())
                .isEqualTo(SignatureAlgorithm.RS256);
        ValidatedToken ps = validator.validate(token(rsaCert, RSA_KEY, SignatureAlgorithm.PS256), nonce);
        assertThat(ps.algorithm()).isEqualTo(SignatureAlgorithm.PS256);
        assertThat(ps.uscc()).isEqualTo(USCC);
    }

    @Test
    void trustedRootWithIssuingCaAlsoAccepted() throws Exception {
        AuthTokenValidator v = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(root.cert(), issuing.cert())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        assertThat(v.validate(token(ecCert, EC_KEY, SignatureAlgorithm.ES256), nonce).uscc()).isEqualTo(USCC);
    }

    @Test
    void noUsccGivesNull() throws Exception {
        X509Certificate c = TestPki.ee(issuing, EC_KEY.getPublic(), "CN=Someone,C=CN");
        assertThat(validator.validate(token(c, EC_KEY, SignatureAlgorithm.ES256), nonce).uscc()).isNull();
    }

    @Test
    void wrongOriginIsSignatureInvalid() throws Exception {
        AuthToken t = TestPki.token(ecCert, EC_KEY.getPrivate(), SignatureAlgorithm.ES256, "https://evil.example.com", nonce);
        assertCode(t, SignatureInvalidException.CODE);
    }

    @Test
    void otherNonceIsSignatureInvalid() throws Exception {
        String other = ChallengeNonce.generate(new SecureRandom()).value();
        AuthToken t = TestPki.token(ecCert, EC_KEY.getPrivate(), SignatureAlgorithm.ES256, ORIGIN, other);
        assertCode(t, SignatureInvalidException.CODE);
    }

    @Test
    void badSignatureIsSignatureInvalid() throws Exception {
        AuthToken good = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        byte[] sig = Base64.getDecoder().decode(good.signature());
        sig[10] ^= 1;
        assertCode(new AuthToken(good.unverifiedCertificate(), good.algorithm(), Base64.getEncoder().encodeToString(sig),
                good.format(), good.appVersion()), SignatureInvalidException.CODE);
        // signed by another key than the certificate's
        AuthToken other = TestPki.token(ecCert, TestPki.ec().getPrivate(), SignatureAlgorithm.ES256, ORIGIN, nonce);
        assertCode(other, SignatureInvalidException.CODE);
        // a DER ECDSA signature where raw r||s is expected
        AuthToken truncated = new AuthToken(good.unverifiedCertificate(), "ES256",
                Base64.getEncoder().encodeToString(new byte[63]), good.format(), null);
        assertCode(truncated, SignatureInvalidException.CODE);
        // RS256 signature presented as PS256
        AuthToken rs = token(rsaCert, RSA_KEY, SignatureAlgorithm.RS256);
        assertCode(new AuthToken(rs.unverifiedCertificate(), "PS256", rs.signature(), rs.format(), null),
                SignatureInvalidException.CODE);
    }

    @Test
    void expiredCertificate() throws Exception {
        X509Certificate c = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.minusSeconds(86400L * 400),
                NOW.minusSeconds(86400L * 35), KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
        assertCode(token(c, EC_KEY, SignatureAlgorithm.ES256), CertificateExpiredException.CODE);
    }

    @Test
    void notYetValidCertificate() throws Exception {
        X509Certificate c = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.plusSeconds(3600),
                NOW.plusSeconds(86400L * 365), KeyUsage.digitalSignature);
        assertCode(token(c, EC_KEY, SignatureAlgorithm.ES256), CertificateNotYetValidException.CODE);
    }

    @Test
    void untrustedCa() throws Exception {
        X509Certificate c = TestPki.ee(otherIssuing, EC_KEY.getPublic(), SUBJECT);
        assertCode(token(c, EC_KEY, SignatureAlgorithm.ES256), CertificateUntrustedException.CODE);
    }

    @Test
    void sameNameOtherKeyCaIsUntrusted() throws Exception {
        TestPki.Ca impostor = TestPki.issuing(otherRoot, "Test Issuing CA"); // same subject DN as the trusted one
        X509Certificate c = TestPki.ee(impostor, EC_KEY.getPublic(), SUBJECT);
        assertCode(token(c, EC_KEY, SignatureAlgorithm.ES256), CertificateUntrustedException.CODE);
    }

    @Test
    void wrongKeyUsage() throws Exception {
        X509Certificate noDigitalSignature = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.minusSeconds(3600),
                NOW.plusSeconds(86400L * 365), KeyUsage.keyEncipherment | KeyUsage.nonRepudiation,
                KeyPurposeId.id_kp_clientAuth);
        assertCode(token(noDigitalSignature, EC_KEY, SignatureAlgorithm.ES256), CertificatePurposeException.CODE);
        X509Certificate noKeyUsage = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.minusSeconds(3600),
                NOW.plusSeconds(86400L * 365), -1);
        assertCode(token(noKeyUsage, EC_KEY, SignatureAlgorithm.ES256), CertificatePurposeException.CODE);
        X509Certificate ekuWithoutClientAuth = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.minusSeconds(3600),
                NOW.plusSeconds(86400L * 365), KeyUsage.digitalSignature, KeyPurposeId.id_kp_emailProtection);
        assertCode(token(ekuWithoutClientAuth, EC_KEY, SignatureAlgorithm.ES256), CertificatePurposeException.CODE);
    }

    @Test
    void noEkuButDigitalSignatureIsAccepted() throws Exception {
        X509Certificate c = TestPki.ee(issuing, EC_KEY.getPublic(), SUBJECT, NOW.minusSeconds(3600),
                NOW.plusSeconds(86400L * 365), KeyUsage.digitalSignature);
        assertThat(validator.validate(token(c, EC_KEY, SignatureAlgorithm.ES256), nonce).certificate()).isEqualTo(c);
    }

    @Test
    void algorithmNotFittingTheKey() throws Exception {
        AuthToken es = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        assertCode(new AuthToken(es.unverifiedCertificate(), "RS256", es.signature(), es.format(), null),
                AlgorithmNotAllowedException.CODE);
        assertCode(new AuthToken(es.unverifiedCertificate(), "ES384", es.signature(), es.format(), null),
                AlgorithmNotAllowedException.CODE);
        AuthToken rs = token(rsaCert, RSA_KEY, SignatureAlgorithm.RS256);
        assertCode(new AuthToken(rs.unverifiedCertificate(), "ES256", rs.signature(), rs.format(), null),
                AlgorithmNotAllowedException.CODE);
    }

    @Test
    void algorithmNotOnTheAllowList() throws Exception {
        AuthToken es = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        for (String alg : new String[] {"none", "HS256", "EdDSA", "es256"}) {
            assertCode(new AuthToken(es.unverifiedCertificate(), alg, es.signature(), es.format(), null),
                    AlgorithmNotAllowedException.CODE);
        }
        AuthTokenValidator rsaOnly = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing.cert())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).allowedAlgorithms(SignatureAlgorithm.RS256).build();
        assertThatThrownBy(() -> rsaOnly.validate(es, nonce)).isInstanceOf(AlgorithmNotAllowedException.class);
    }

    @Test
    void oversizeFieldsAreTokenParse() throws Exception {
        AuthToken g = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        String bigCert = Base64.getEncoder().encodeToString(new byte[8 * 1024 + 1]);
        assertCode(new AuthToken(bigCert, g.algorithm(), g.signature(), g.format(), null), TokenParseException.CODE);
        String bigSig = Base64.getEncoder().encodeToString(new byte[1025]);
        assertCode(new AuthToken(g.unverifiedCertificate(), g.algorithm(), bigSig, g.format(), null), TokenParseException.CODE);
        assertCode(new AuthToken(g.unverifiedCertificate(), "ES256" + "x".repeat(300), g.signature(), g.format(), null),
                TokenParseException.CODE);
        assertCode(new AuthToken(g.unverifiedCertificate(), g.algorithm(), g.signature(), g.format(), "v".repeat(300)),
                TokenParseException.CODE);
    }

    @Test
    void malformedStructureIsTokenParse() throws Exception {
        AuthToken g = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        assertCode(null, TokenParseException.CODE);
        assertCode(new AuthToken(g.unverifiedCertificate(), g.algorithm(), g.signature(), "web-eid:2.0", null), TokenParseException.CODE);
        assertCode(new AuthToken(g.unverifiedCertificate(), g.algorithm(), g.signature(), null, null), TokenParseException.CODE);
        assertCode(new AuthToken(null, g.algorithm(), g.signature(), g.format(), null), TokenParseException.CODE);
        assertCode(new AuthToken(g.unverifiedCertificate(), g.algorithm(), "not base64!", g.format(), null), TokenParseException.CODE);
        assertCode(new AuthToken(Base64.getEncoder().encodeToString(new byte[100]), g.algorithm(), g.signature(), g.format(), null),
                TokenParseException.CODE);
        // web-eid:1.1 is accepted
        assertThat(validator.validate(new AuthToken(g.unverifiedCertificate(), g.algorithm(), g.signature(), "web-eid:1.1", null),
                nonce)).isNotNull();
    }

    @Test
    void builderChecksTheOrigin() {
        assertThatThrownBy(() -> AuthTokenValidator.builder().origin("https://portal.example.cn/").trustedCertificates(issuing.cert()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthTokenValidator.builder().origin("http://localhost:18080").trustedCertificates(issuing.cert()).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthTokenValidator.builder().origin("http://localhost:18080").devMode(true)
                .trustedCertificates(issuing.cert()).build().origin()).isEqualTo("http://localhost:18080");
    }

    @Test
    void codesAreStable() {
        assertThat(new TokenParseException("x").code()).isEqualTo("TOKEN_PARSE");
        assertThat(new AlgorithmNotAllowedException("x").code()).isEqualTo("ALGORITHM_NOT_ALLOWED");
        assertThat(new CertificateExpiredException("x").code()).isEqualTo("CERTIFICATE_EXPIRED");
        assertThat(new CertificateNotYetValidException("x").code()).isEqualTo("CERTIFICATE_NOT_YET_VALID");
        assertThat(new CertificatePurposeException("x").code()).isEqualTo("CERTIFICATE_PURPOSE");
        assertThat(new CertificateUntrustedException("x").code()).isEqualTo("CERTIFICATE_UNTRUSTED");
        assertThat(new SignatureInvalidException("x").code()).isEqualTo("SIGNATURE_INVALID");
        assertThat(new NonceUnknownException("x").code()).isEqualTo("NONCE_UNKNOWN");
        assertThat(new NonceExpiredException("x").code()).isEqualTo("NONCE_EXPIRED");
        assertThat(new NonceSessionMismatchException("x").code()).isEqualTo("NONCE_SESSION_MISMATCH");
        assertThat(new NoncePurposeMismatchException("x").code()).isEqualTo("NONCE_PURPOSE_MISMATCH");
    }

    @Test
    void aCertificateWhoseChainIsRememberedIsStillCheckedEveryTime() throws Exception {
        var clock = new org.keybridge.portal.MutableClock(NOW);
        AuthTokenValidator v = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing.cert()).clock(clock).build();
        assertThat(v.validate(token(ecCert, EC_KEY, SignatureAlgorithm.ES256), nonce).uscc()).isEqualTo(USCC);
        // the chain is remembered now; a bad signature, another origin and expiry are still refused
        AuthToken t = token(ecCert, EC_KEY, SignatureAlgorithm.ES256);
        byte[] sig = Base64.getDecoder().decode(t.signature());
        sig[3] ^= 1;
        AuthToken bad = new AuthToken(t.unverifiedCertificate(), t.algorithm(), Base64.getEncoder().encodeToString(sig),
                t.format(), t.appVersion());
        assertThatThrownBy(() -> v.validate(bad, nonce)).isInstanceOf(SignatureInvalidException.class);
        AuthToken elsewhere = TestPki.token(ecCert, EC_KEY.getPrivate(), SignatureAlgorithm.ES256, "https://evil.example", nonce);
        assertThatThrownBy(() -> v.validate(elsewhere, nonce)).isInstanceOf(SignatureInvalidException.class);
        clock.advance(java.time.Duration.ofDays(181));
        assertThatThrownBy(() -> v.validate(t, nonce)).isInstanceOf(CertificateExpiredException.class);
        // without the cache the same answers
        AuthTokenValidator noCache = AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(issuing.cert())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).chainCacheSize(0).build();
        assertThat(noCache.validate(t, nonce).certificate()).isEqualTo(ecCert);
        assertThatThrownBy(() -> noCache.validate(bad, nonce)).isInstanceOf(SignatureInvalidException.class);
    }
}
