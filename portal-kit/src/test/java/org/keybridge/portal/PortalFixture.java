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

    /** Keys and certificates, made once per test JVM (RSA key generation is slow on a busy machine). */
    private static final class Pki {
        static final TestPki.Ca ROOT, SOCIAL_CA, TAX_CA;
        static final KeyPair SOCIAL_KEY = TestPki.RSA_KEY, TAX_KEY = TestPki.ec(), OTHER_KEY = TestPki.ec();
        static final X509Certificate SOCIAL_EXPIRED, TAX, OTHER_ENTERPRISE;

        static {
            try {
                ROOT = TestPki.root("Demo Root CA");
                SOCIAL_CA = TestPki.issuing(ROOT, "Social Security CA");
                TAX_CA = TestPki.issuing(ROOT, "Tax CA");
                String subject = "CN=Shenzhen Example Technology,SERIALNUMBER=" + USCC + ",C=CN";
                SOCIAL_EXPIRED = TestPki.ee(SOCIAL_CA, SOCIAL_KEY.getPublic(), subject, TestPki.NOW.minus(Duration.ofDays(400)),
                        TestPki.NOW.minus(Duration.ofDays(35)), KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);
                TAX = TestPki.ee(TAX_CA, TAX_KEY.getPublic(), subject);
                OTHER_ENTERPRISE = TestPki.ee(TAX_CA, OTHER_KEY.getPublic(), "CN=Beijing Other Co,SERIALNUMBER=" + OTHER_USCC + ",C=CN");
            } catch (Exception e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    final MutableClock clock = new MutableClock(TestPki.NOW);
    final TestPki.Ca root = Pki.ROOT, socialCa = Pki.SOCIAL_CA, taxCa = Pki.TAX_CA;
    final KeyPair socialKey = Pki.SOCIAL_KEY, taxKey = Pki.TAX_KEY, otherKey = Pki.OTHER_KEY;
    final X509Certificate socialExpired = Pki.SOCIAL_EXPIRED, tax = Pki.TAX, otherEnterprise = Pki.OTHER_ENTERPRISE;
    final PortalDatabase db;
    final OutboxSmsGateway outbox;
    final AuthTokenValidator validator;
    final Portal portal;

    PortalFixture(Path dir) throws Exception {
        this(dir, PortalDatabase.h2(dir));
    }

    PortalFixture(Path dir, PortalDatabase db) throws Exception {
        this.db = db;
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
