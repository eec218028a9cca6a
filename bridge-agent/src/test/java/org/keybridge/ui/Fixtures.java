package org.keybridge.ui;

import java.time.Instant;
import java.util.List;
import org.keybridge.format.KeyType;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.TokenCertificate;

/** Certificates as the driver lists them, for the dialog texts (no token needed: the texts never touch the DER). */
final class Fixtures {
    private Fixtures() {}

    static final String ORIGIN = "https://si.example.gov.cn";
    static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z"), TO = Instant.parse("2027-02-28T00:00:00Z");

    static TokenCertificate certificate(String id, String subject, String issuer, String uscc, CertificateStatus status) {
        return new TokenCertificate(id, "demo-softhsm", 1, "地税CA", "0001", "01", "login", subject, issuer, "0a",
                FROM, TO, KeyType.EC, 256, "P-256", List.of("digitalSignature"), List.of("clientAuth"), true, status,
                uscc, null);
    }

    static TokenCertificate tax() {
        return certificate("aa11", "CN=张三,O=深圳市示例科技有限公司,C=CN", "CN=Demo Tax CA,O=Demo Tax,C=CN",
                "91440300MA5KBD018E", CertificateStatus.VALID);
    }
}
