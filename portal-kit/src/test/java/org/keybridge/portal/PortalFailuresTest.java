package org.keybridge.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.format.AuthToken;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.account.Account;
import org.keybridge.portal.auth.AuthTokenJson;
import org.keybridge.portal.auth.TestPki;
import org.keybridge.portal.challenge.Purpose;

/**
 * One test per refusal of issue 4, each through the facade as a portal would meet it: the stable code, and the
 * state left behind (no session login, no binding change).
 */
class PortalFailuresTest {
    @TempDir Path dir;
    PortalFixture f;
    Portal portal;
    Account account;

    @BeforeEach
    void setUp() throws Exception {
        f = new PortalFixture(dir);
        portal = f.portal;
        account = portal.createAccount("shenzhen-example", PortalFixture.USCC, PortalFixture.PHONE);
        portal.seedBinding(account, f.socialExpired);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PortalException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** A session logged in by password with the initial password already changed. */
    private String loggedIn(String session) throws Exception {
        if (portal.account("shenzhen-example").orElseThrow().mustChangePassword()) {
            portal.loginWithPassword(session, "shenzhen-example", "123456");
            portal.changePassword(session, "shenzhen-example", "123456", "Changed-pw-1");
        } else {
            portal.loginWithPassword(session, "shenzhen-example", "Changed-pw-1");
        }
        return session;
    }

    private void assertNoLogin(String session) {
        assertThat(portal.sessionLogin(session)).isEmpty();
    }

    @Test
    void wrongOrigin() throws Exception {
        portal.createAccount("x", PortalFixture.USCC, PortalFixture.PHONE); // the tax key bound below
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        portal.rebind(s, account, f.token(f.tax, f.taxKey, bn));
        String n = portal.challenge("s2", Purpose.LOGIN).value();
        String forOtherOrigin = AuthTokenJson.write(TestPki.token(f.tax, f.taxKey.getPrivate(), SignatureAlgorithm.ES256,
                "https://evil.example", n));
        assertCode(() -> portal.loginWithCertificate("s2", forOtherOrigin), "SIGNATURE_INVALID");
        assertNoLogin("s2");
    }

    @Test
    void replayedNonce() throws Exception {
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        String token = f.token(f.tax, f.taxKey, bn);
        portal.rebind(s, account, token, bn);
        assertCode(() -> portal.rebind(s, account, token, bn), "NONCE_UNKNOWN");
        // and with the session's remembered nonce: spent too
        assertCode(() -> portal.rebind(s, account, token), "NONCE_UNKNOWN");
        assertThat(portal.history(account)).hasSize(2);
    }

    @Test
    void expiredNonce() throws Exception {
        String n = portal.challenge("s", Purpose.LOGIN).value();
        f.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertCode(() -> portal.loginWithCertificate("s", f.token(f.tax, f.taxKey, n)), "NONCE_EXPIRED");
        assertNoLogin("s");
    }

    @Test
    void nonceOfAnotherSession() throws Exception {
        String victimNonce = portal.challenge("victim", Purpose.LOGIN).value();
        String token = f.token(f.tax, f.taxKey, victimNonce);
        assertCode(() -> portal.loginWithCertificate("attacker", token, victimNonce), "NONCE_SESSION_MISMATCH");
        assertNoLogin("attacker");
    }

    @Test
    void nonceOfAnotherPurpose() throws Exception {
        String s = loggedIn("s");
        String loginNonce = portal.challenge(s, Purpose.LOGIN).value();
        assertCode(() -> portal.rebind(s, account, f.token(f.tax, f.taxKey, loginNonce), loginNonce), "NONCE_PURPOSE_MISMATCH");
        assertThat(portal.history(account)).hasSize(1);
    }

    @Test
    void bindWithoutBindChallengeIsNonceUnknown() throws Exception {
        String s = loggedIn("s");
        portal.challenge(s, Purpose.LOGIN);
        assertCode(() -> portal.rebind(s, account, f.token(f.tax, f.taxKey, ChallengeFixture.someNonce())), "NONCE_UNKNOWN");
    }

    @Test
    void expiredCertificateSaysWhichAndWhen() throws Exception {
        String n = portal.challenge("s", Purpose.LOGIN).value();
        assertCode(() -> portal.loginWithCertificate("s", f.token(f.socialExpired, f.socialKey, n)), "CERTIFICATE_EXPIRED");
        assertNoLogin("s");
    }

    @Test
    void untrustedCa() throws Exception {
        TestPki.Ca stranger = TestPki.issuing(TestPki.root("Stranger Root"), "Stranger CA");
        X509Certificate c = TestPki.ee(stranger, f.taxKey.getPublic(), f.tax.getSubjectX500Principal().getName());
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        assertCode(() -> portal.rebind(s, account, f.token(c, f.taxKey, bn)), "CERTIFICATE_UNTRUSTED");
        assertThat(portal.binding(account).orElseThrow().certificate().serialNumber())
                .isEqualTo(f.socialExpired.getSerialNumber().toString(16));
    }

    @Test
    void wrongKeyUsage() throws Exception {
        KeyPair k = TestPki.ec();
        X509Certificate encipherOnly = TestPki.ee(f.taxCa, k.getPublic(), f.tax.getSubjectX500Principal().getName(),
                TestPki.NOW.minusSeconds(86400), TestPki.NOW.plusSeconds(86400), KeyUsage.keyEncipherment,
                KeyPurposeId.id_kp_clientAuth);
        String n = portal.challenge("s", Purpose.LOGIN).value();
        assertCode(() -> portal.loginWithCertificate("s", f.token(encipherOnly, k, n)), "CERTIFICATE_PURPOSE");
    }

    @Test
    void badSignature() throws Exception {
        String n = portal.challenge("s", Purpose.LOGIN).value();
        AuthToken t = AuthTokenJson.parse(f.token(f.tax, f.taxKey, n));
        byte[] sig = Base64.getDecoder().decode(t.signature());
        sig[5] ^= 0x01;
        String tampered = AuthTokenJson.write(new AuthToken(t.unverifiedCertificate(), t.algorithm(),
                Base64.getEncoder().encodeToString(sig), t.format(), t.appVersion()));
        assertCode(() -> portal.loginWithCertificate("s", tampered), "SIGNATURE_INVALID");
    }

    @Test
    void usccMismatchOnRebind() throws Exception {
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        assertCode(() -> portal.rebind(s, account, f.token(f.otherEnterprise, f.otherKey, bn)), "USCC_MISMATCH");
        assertThat(portal.audit(account)).hasSize(1); // only the seed
    }

    @Test
    void rebindNeedsALoginInTheSameSession() throws Exception {
        loggedIn("logged-in");
        String bn = portal.challenge("other", Purpose.BIND).value();
        assertCode(() -> portal.rebind("other", account, f.token(f.tax, f.taxKey, bn)), "NOT_LOGGED_IN");
        // logged in as another account does not count either
        Account other = portal.createAccount("other-co", PortalFixture.OTHER_USCC, "13900139000");
        String s = loggedIn("s");
        String bn2 = portal.challenge(s, Purpose.BIND).value();
        assertCode(() -> portal.rebind(s, other, f.token(f.otherEnterprise, f.otherKey, bn2)), "NOT_LOGGED_IN");
    }

    @Test
    void certificateBoundToAnotherAccount() throws Exception {
        Account twin = portal.createAccount("twin", PortalFixture.USCC, "13900139000");
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        portal.rebind(s, account, f.token(f.tax, f.taxKey, bn));
        portal.loginWithPassword("t", "twin", "123456");
        portal.changePassword("t", "twin", "123456", "Second-pass-2");
        String bn2 = portal.challenge("t", Purpose.BIND).value();
        assertCode(() -> portal.rebind("t", twin, f.token(f.tax, f.taxKey, bn2)), "CERTIFICATE_BOUND_ELSEWHERE");
    }

    @Test
    void certificateLoginCanRebind() throws Exception {
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        portal.rebind(s, account, f.token(f.tax, f.taxKey, bn));
        portal.logout(s);
        // a still-valid certificate login in a new session may bind the next key
        KeyPair next = TestPki.ec();
        X509Certificate renewed = TestPki.ee(f.taxCa, next.getPublic(), f.tax.getSubjectX500Principal().getName());
        String ln = portal.challenge("c", Purpose.LOGIN).value();
        portal.loginWithCertificate("c", f.token(f.tax, f.taxKey, ln));
        String bn2 = portal.challenge("c", Purpose.BIND).value();
        var change = portal.rebind("c", account, f.token(renewed, next, bn2));
        assertThat(change.previous().certificate().spkiSha256()).isNotEqualTo(change.current().certificate().spkiSha256());
        assertThat(portal.audit(account).get(2).loginMethod()).isEqualTo(org.keybridge.portal.session.LoginMethod.CERTIFICATE);
    }

    @Test
    void certificateWithoutTheUsccWhereItsCaPutsItIsUsccMissing() throws Exception {
        KeyPair k = TestPki.ec();
        X509Certificate noCode = TestPki.ee(f.taxCa, k.getPublic(), "CN=Shenzhen Example Technology,O=Example,C=CN");
        String s = loggedIn("s");
        String bn = portal.challenge(s, Purpose.BIND).value();
        assertCode(() -> portal.rebind(s, account, f.token(noCode, k, bn)), "USCC_MISSING");
    }
}
