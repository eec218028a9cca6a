package org.keybridge.portal;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.portal.account.OutboxSmsGateway;
import org.keybridge.portal.auth.AuthTokenJson;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.auth.TestPki;
import org.keybridge.portal.identity.UsccLocation;
import org.keybridge.portal.password.Argon2idHasher;
import org.keybridge.portal.store.PortalDatabase;
import org.keybridge.uscc.Uscc;

/**
 * The story's cast for portal tests: a social-security CA and a tax CA (both trusted, the USCC in the subject
 * serialNumber), one enterprise with an expired social-security certificate and a valid tax certificate, a foreign
 * enterprise's tax certificate, and a portal on an H2 file database with a clock the test moves.
 */
final class PortalFixture implements AutoCloseable {
    static final String ORIGIN = "https://portal.example.cn";
    static final String USCC = Uscc.withCheckCharacter("91440300MA5F12345").value();
    static final String OTHER_USCC = Uscc.withCheckCharacter("91110108MA01ABCDE").value();
    static final String PHONE = "13800138000";
    /** Cheap Argon2id for tests (the default parameters are tested apart). */
    static final Argon2idHasher FAST = new Argon2idHasher(new Argon2idHasher.Params(1024, 1, 1, 16, 32), new SecureRandom());

    final MutableClock clock = new MutableClock(TestPki.NOW);
    final TestPki.Ca root, socialCa, taxCa;
    final KeyPair socialKey = TestPki.rsa(), taxKey = TestPki.ec(), otherKey = TestPki.ec();
    final X509Certificate socialExpired, tax, otherEnterprise;
    final PortalDatabase db;
    final OutboxSmsGateway outbox;
    final AuthTokenValidator validator;
    final Portal portal;

    PortalFixture(Path dir) throws Exception {
        root = TestPki.root("Demo Root CA");
        socialCa = TestPki.issuing(root, "Social Security CA");
        taxCa = TestPki.issuing(root, "Tax CA");
        String subject = "CN=Shenzhen Example Technology,SERIALNUMBER=" + USCC + ",C=CN";
        socialExpired = TestPki.ee(socialCa, socialKey.getPublic(), subject, TestPki.NOW.minus(Duration.ofDays(400)),
                TestPki.NOW.minus(Duration.ofDays(35)), KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
        tax = TestPki.ee(taxCa, taxKey.getPublic(), subject);
        otherEnterprise = TestPki.ee(taxCa, otherKey.getPublic(), "CN=Beijing Other Co,SERIALNUMBER=" + OTHER_USCC + ",C=CN");
        db = PortalDatabase.h2(dir);
        outbox = new OutboxSmsGateway(dir.resolve("sms-outbox.jsonl"), clock);
        validator = AuthTokenValidator.builder().origin(ORIGIN).clock(clock)
                .trustedCertificates(socialCa.cert(), taxCa.cert())
                .usccLocation(socialCa.cert(), UsccLocation.serialNumber())
                .usccLocation(taxCa.cert(), UsccLocation.serialNumber())
                .build();
        portal = Portal.builder().database(db).validator(validator).clock(clock).smsGateway(outbox)
                .passwordHasher(FAST).build();
    }

    /** The token JSON the agent would post: {@code cert}'s key signs for ORIGIN and the nonce. */
    String token(X509Certificate cert, KeyPair key, String nonce) throws Exception {
        SignatureAlgorithm alg = cert.getPublicKey().getAlgorithm().equals("RSA") ? SignatureAlgorithm.RS256 : SignatureAlgorithm.ES256;
        return AuthTokenJson.write(TestPki.token(cert, key.getPrivate(), alg, ORIGIN, nonce));
    }

    @Override
    public void close() {
        db.close();
    }
}
