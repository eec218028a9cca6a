package org.keybridge.portal.auth;

/** The certificate's notBefore is after now (the validator's clock). Code {@value #CODE}. */
public final class CertificateNotYetValidException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_NOT_YET_VALID";

    private final transient CertificateDetails certificate;

    public CertificateNotYetValidException(String message, CertificateDetails certificate) {
        super(message);
        this.certificate = certificate;
    }

    public CertificateNotYetValidException(String message) {
        this(message, (CertificateDetails) null);
    }

    /** The certificate (subject, issuer, serial, notBefore), or null when not known. */
    public CertificateDetails certificate() {
        return certificate;
    }

    @Override
    public String code() {
        return CODE;
    }
}
