package org.keybridge.portal.auth;

/** No valid PKIX path from the certificate to a configured trusted CA. Code {@value #CODE}. */
public final class CertificateUntrustedException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_UNTRUSTED";

    public CertificateUntrustedException(String message) {
        super(message);
    }

    public CertificateUntrustedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
