package org.keybridge.portal.auth;

/** The certificate is not for client authentication: keyUsage lacks digitalSignature, or an extended key usage is present without clientAuth. Code {@value #CODE}. */
public final class CertificatePurposeException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_PURPOSE";

    public CertificatePurposeException(String message) {
        super(message);
    }

    public CertificatePurposeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
