package org.keybridge.portal.binding;

import org.keybridge.portal.PortalException;

/**
 * The certificate is valid but bound to no account: log in with the password and bind it. Code {@value #CODE}.
 */
public final class CertificateNotBoundException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_NOT_BOUND";

    public CertificateNotBoundException(String message) {
        super(message);
    }

    public CertificateNotBoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
