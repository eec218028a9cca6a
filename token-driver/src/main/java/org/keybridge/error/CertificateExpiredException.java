package org.keybridge.error;

import org.keybridge.token.TokenCertificate;

/** CERTIFICATE_EXPIRED (or NOT_YET_VALID) with the certificate, so a portal can offer the rebind flow. */
public final class CertificateExpiredException extends KeyBridgeException {
    private static final long serialVersionUID = 1L;
    private final transient TokenCertificate certificate;

    public CertificateExpiredException(ErrorCode code, TokenCertificate certificate) {
        super(code, certificate.subject() + " valid " + certificate.notBefore() + " .. " + certificate.notAfter(),
                certificate.subject(), java.util.Date.from(certificate.notAfter()));
        this.certificate = certificate;
    }

    public TokenCertificate certificate() { return certificate; }
}
