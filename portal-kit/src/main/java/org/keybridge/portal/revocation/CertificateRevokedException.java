package org.keybridge.portal.revocation;

import org.keybridge.portal.auth.AuthTokenException;

/**
 * The certificate is revoked: its serial is on the issuer's CRL, or the OCSP responder answered "revoked". Code {@value #CODE}.
 */
public final class CertificateRevokedException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_REVOKED";

    public CertificateRevokedException(String message) {
        super(message);
    }

    public CertificateRevokedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
