package org.keybridge.portal.auth;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * X.509 parsing for a portal's own use (trust anchors, certificates to show): the JDK's parser, or Bouncy Castle's
 * where the JDK cannot parse the key (SM2 certificates: "Unknown named curve").
 */
public final class Certificates {
    private Certificates() {}

    public static X509Certificate parse(byte[] der) throws CertificateException {
        return Sm2Verification.parseCertificate(der);
    }

    /** One certificate, DER or PEM (both parsers read either). */
    public static X509Certificate read(InputStream in) throws IOException, CertificateException {
        return parse(in.readAllBytes());
    }
}
