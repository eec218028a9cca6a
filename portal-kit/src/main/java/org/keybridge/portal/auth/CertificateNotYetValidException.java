package org.keybridge.portal.auth;

/** The certificate's notBefore is after now (the validator's clock). Code {@value #CODE}. */
public final class CertificateNotYetValidException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_NOT_YET_VALID";

    public CertificateNotYetValidException(String message) {
        super(message);
    }

    public CertificateNotYetValidException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
