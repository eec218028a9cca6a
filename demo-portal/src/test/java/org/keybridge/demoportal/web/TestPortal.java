package org.keybridge.demoportal.web;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.keybridge.portal.Portal;
import org.keybridge.portal.account.OutboxSmsGateway;
import org.keybridge.portal.auth.AuthTokenValidator;
import org.keybridge.portal.store.PortalDatabase;

/** A real portal-kit {@link Portal} on H2 in a test directory, trusting a throw-away CA (the web tests log nobody in). */
final class TestPortal {
    private TestPortal() {}

    static Portal create(Path dir, String origin) throws Exception {
        var kp = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name name = new X500Name("CN=Web test CA");
        Instant now = Instant.now();
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        AuthTokenValidator validator = AuthTokenValidator.builder().origin(origin).devMode(true).trustedCertificates(ca).build();
        return Portal.builder().database(PortalDatabase.h2(dir)).validator(validator)
                .smsGateway(new OutboxSmsGateway(dir.resolve("sms.jsonl"))).build();
    }
}
