package org.keybridge.portal.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.format.AuthToken;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.auth.AuthTokenException;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.auth.TestPki;
import org.keybridge.portal.challenge.ChallengeNonce;

/**
 * Revocation against real parts: an {@code openssl ocsp} responder on a free port answering from an index file, and
 * CRL files signed by the CA. The validator's clock is the test PKI's; the OCSP checker's is the real one, since
 * openssl stamps its answers with the real time.
 */
class RevocationTest {
    static final String ORIGIN = "https://portal.example.cn";
    static final Clock PKI_CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @TempDir static Path dir;
    static TestPki.Ca root, ca, otherCa;
    static KeyPair key = TestPki.ec();
    static X509Certificate good, revoked, unknown;
    static OpensslOcspResponder responder, wrongSigner;

    final String nonce = ChallengeNonce.generate(new SecureRandom()).value();

    @BeforeAll
    static void pki() throws Exception {
        root = TestPki.root("Revocation Root");
        ca = TestPki.issuing(root, "Revocation Issuing CA");
        otherCa = TestPki.issuing(root, "Some Other CA");
        good = TestPki.ee(ca, key.getPublic(), "CN=Good Co,C=CN");
        revoked = TestPki.ee(ca, key.getPublic(), "CN=Revoked Co,C=CN");
        unknown = TestPki.ee(ca, key.getPublic(), "CN=Unknown Co,C=CN");
        X509Certificate[] valid = {good};
        X509Certificate[] gone = {revoked};
        responder = new OpensslOcspResponder(dir.resolve("ocsp"), ca.cert(), ca.cert(), ca.key().getPrivate(), valid, gone);
        wrongSigner = new OpensslOcspResponder(dir.resolve("ocsp-wrong"), ca.cert(), otherCa.cert(),
                otherCa.key().getPrivate(), valid, gone);
    }

    @AfterAll
    static void stop() throws Exception {
        if (responder != null) responder.close();
        if (wrongSigner != null) wrongSigner.close();
    }

    private AuthTokenValidator validator(RevocationChecker r) {
        return AuthTokenValidator.builder().origin(ORIGIN).trustedCertificates(ca.cert()).clock(PKI_CLOCK)
                .revocation(r).build();
    }

    private AuthToken token(X509Certificate cert) throws Exception {
        return TestPki.token(cert, key.getPrivate(), SignatureAlgorithm.ES256, ORIGIN, nonce);
    }

    private void assertCode(AuthTokenValidator v, X509Certificate cert, String code) {
        assertCode(v, cert, code, "");
    }

    /** The code, and a message naming the reason (so that a negative test cannot pass for another reason). */
    private void assertCode(AuthTokenValidator v, X509Certificate cert, String code, String reason) {
        assertThatThrownBy(() -> v.validate(token(cert), nonce))
                .isInstanceOfSatisfying(AuthTokenException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(reason);
    }

    private static OcspChecker.Builder ocsp(URI uri) {
        return OcspChecker.builder().responder(uri).timeout(Duration.ofSeconds(5));
    }

    @Test
    void ocspGoodIsAccepted() throws Exception {
        assertThat(validator(ocsp(responder.uri()).build()).validate(token(good), nonce).certificate()).isEqualTo(good);
    }

    @Test
    void ocspRevokedIsCertificateRevoked() {
        assertCode(validator(ocsp(responder.uri()).build()), revoked, "CERTIFICATE_REVOKED", "OCSP");
    }

    @Test
    void ocspRevokedIsRefusedEvenWhenOcspIsOptional() {
        assertCode(validator(ocsp(responder.uri()).required(false).build()), revoked, "CERTIFICATE_REVOKED");
    }

    @Test
    void ocspUnknownSerialIsUnavailableWhenRequired() throws Exception {
        assertCode(validator(ocsp(responder.uri()).build()), unknown, "REVOCATION_UNAVAILABLE", "does not know");
        assertThat(validator(ocsp(responder.uri()).required(false).build()).validate(token(unknown), nonce)).isNotNull();
    }

    @Test
    void unreachableResponderFailsClosedWhenRequired() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free, and nobody listens once closed
        }
        URI dead = URI.create("http://127.0.0.1:" + port + "/");
        assertCode(validator(ocsp(dead).build()), good, "REVOCATION_UNAVAILABLE", "unreachable");
        // soft fail when optional: the login goes on
        assertThat(validator(ocsp(dead).required(false).build()).validate(token(good), nonce)).isNotNull();
    }

    @Test
    void answerSignedByAnotherCaIsUnavailable() {
        assertCode(validator(ocsp(wrongSigner.uri()).build()), good, "REVOCATION_UNAVAILABLE", "not signed by the issuing CA");
    }

    @Test
    void staleAnswerIsUnavailable() {
        // our clock two hours ahead of openssl's: its answer (no nextUpdate) is older than maxAge + skew
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        assertCode(validator(ocsp(responder.uri()).clock(later).build()), good, "REVOCATION_UNAVAILABLE", "stale");
    }

    @Test
    void crlListingTheSerialIsCertificateRevoked() throws Exception {
        Path crl = crl(ca, TestPki.NOW.minusSeconds(86400), TestPki.NOW.plusSeconds(7 * 86400), revoked);
        AuthTokenValidator v = validator(CrlChecker.required(PKI_CLOCK, crl));
        assertCode(v, revoked, "CERTIFICATE_REVOKED", "on the CRL");
        assertThat(v.validate(token(good), nonce).certificate()).isEqualTo(good);
    }

    @Test
    void staleOrMissingCrlIsUnavailableWhenRequired() throws Exception {
        Path stale = crl(ca, TestPki.NOW.minusSeconds(10 * 86400), TestPki.NOW.minusSeconds(86400), revoked);
        assertCode(validator(CrlChecker.required(PKI_CLOCK, stale)), good, "REVOCATION_UNAVAILABLE", "stale");
        assertCode(validator(CrlChecker.required(PKI_CLOCK, dir.resolve("missing.crl"))), good, "REVOCATION_UNAVAILABLE",
                "cannot read");
        assertThat(validator(CrlChecker.optional(PKI_CLOCK, dir.resolve("missing.crl"))).validate(token(good), nonce)).isNotNull();
    }

    @Test
    void crlSignedByAnotherKeyIsNotBelieved() throws Exception {
        // same issuer name, other key: the CRL does not verify, so it neither revokes nor clears
        TestPki.Ca impostor = new TestPki.Ca(TestPki.ec(), ca.cert());
        Path forged = crl(impostor, TestPki.NOW.minusSeconds(86400), TestPki.NOW.plusSeconds(86400), good);
        assertCode(validator(CrlChecker.required(PKI_CLOCK, forged)), good, "REVOCATION_UNAVAILABLE", "does not verify");
    }

    @Test
    void crlFileIsReadAgainWhenItChanges() throws Exception {
        Path f = crl(ca, TestPki.NOW.minusSeconds(86400), TestPki.NOW.plusSeconds(86400));
        AuthTokenValidator v = validator(CrlChecker.required(PKI_CLOCK, f));
        assertThat(v.validate(token(good), nonce)).isNotNull();
        Path newer = crl(ca, TestPki.NOW.minusSeconds(3600), TestPki.NOW.plusSeconds(86400), good);
        Files.move(newer, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertCode(v, good, "CERTIFICATE_REVOKED");
    }

    private static int crlCount;

    private static Path crl(TestPki.Ca issuer, Instant thisUpdate, Instant nextUpdate, X509Certificate... listed)
            throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()),
                Date.from(thisUpdate));
        b.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate c : listed) b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuer.key().getPrivate())));
        Path f = dir.resolve("ca-" + (++crlCount) + ".crl");
        Files.write(f, crl.getEncoded());
        return f;
    }
}
