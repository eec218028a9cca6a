package org.keybridge.portal.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/**
 * What a page shows about a certificate, and what a binding records: nothing secret.
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param serialNumber the serial number, lower-case hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param spkiSha256 SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex: the key, whatever certificate carries it
 * @param uscc the enterprise's USCC read from the certificate, or null
 */
public record CertificateDetails(String subject, String issuer, String serialNumber, Instant notBefore,
                                 Instant notAfter, String spkiSha256, String uscc) {

    public static CertificateDetails of(X509Certificate c, String uscc) {
        return new CertificateDetails(c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253), c.getSerialNumber().toString(16),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), spkiSha256(c), uscc);
    }

    /** SHA-256 of the certificate's DER SubjectPublicKeyInfo, lower-case hex. */
    public static String spkiSha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The subject's CN, or the whole subject when it has none. */
    public String commonName() {
        for (String part : subject.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "CN=", 0, 3)) return p.substring(3).replace("\\", "");
        }
        return subject;
    }
}
