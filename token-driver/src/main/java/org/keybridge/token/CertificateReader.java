package org.keybridge.token;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keybridge.format.KeyType;

/** Turns a certificate found on a token into a {@link TokenCertificate}; parses each DER once (listings run often). */
public final class CertificateReader {
    private record Parsed(X509Certificate x, String subject, String issuer, String serial, KeyType keyType, int keySize,
                          String curve, List<String> keyUsage, List<String> eku, String uscc) {}

    private final DriverOptions options;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public CertificateReader(DriverOptions options) { this.options = options; }

    /** @throws IllegalArgumentException if {@code der} is not a certificate KeyBridge can read */
    public TokenCertificate describe(String module, long slot, String tokenLabel, String tokenSerial, byte[] der,
                                     String objectId, String label, boolean hasPrivateKey) {
        String id = CertificateFacts.id(der);
        Parsed p = parsed.computeIfAbsent(id, k -> {
            X509Certificate x = CertificateFacts.parse(der);
            var key = x.getPublicKey();
            return new Parsed(x, CertificateFacts.dn(x.getSubjectX500Principal()), CertificateFacts.dn(x.getIssuerX500Principal()),
                    x.getSerialNumber().toString(16), CertificateFacts.keyType(key), CertificateFacts.keySize(key),
                    CertificateFacts.curve(key), CertificateFacts.keyUsage(x), CertificateFacts.extendedKeyUsage(x),
                    CertificateFacts.uscc(x).orElse(null));
        });
        Instant from = p.x().getNotBefore().toInstant(), to = p.x().getNotAfter().toInstant();
        return new TokenCertificate(id, module, slot, tokenLabel, tokenSerial, objectId, label, p.subject(), p.issuer(),
                p.serial(), from, to, p.keyType(), p.keySize(), p.curve(), p.keyUsage(), p.eku(), hasPrivateKey,
                CertificateStatus.of(from, to, options.clock().instant(), options.expiringSoon()), p.uscc(), p.x());
    }
}
