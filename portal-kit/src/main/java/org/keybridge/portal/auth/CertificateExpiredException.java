package org.keybridge.portal.auth;

/**
 * The certificate's notAfter is before now (the validator's clock). Code {@value #CODE}. {@link #certificate()}
 * says which certificate and since when, so that a page can explain it and offer the password login and the rebind.
 */
public final class CertificateExpiredException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_EXPIRED";

    private final transient CertificateDetails certificate;

    public CertificateExpiredException(String message, CertificateDetails certificate) {
        super(message);
        this.certificate = certificate;
    }

    public CertificateExpiredException(String message) {
        this(message, (CertificateDetails) null);
    }

    /** The expired certificate (subject, issuer, serial, notAfter, USCC), or null when not known. */
    public CertificateDetails certificate() {
        return certificate;
    }

    @Override
    public String code() {
        return CODE;
    }
}
