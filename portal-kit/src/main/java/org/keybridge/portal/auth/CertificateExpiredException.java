package org.keybridge.portal.auth;

/** The certificate's notAfter is before now (the validator's clock). Code {@value #CODE}. */
public final class CertificateExpiredException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_EXPIRED";

    public CertificateExpiredException(String message) {
        super(message);
    }

    public CertificateExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
