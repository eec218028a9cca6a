package org.keybridge.portal.binding;

import org.keybridge.portal.PortalException;

/**
 * The certificate is already bound to another account. Code {@value #CODE}.
 */
public final class CertificateBoundElsewhereException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "CERTIFICATE_BOUND_ELSEWHERE";

    public CertificateBoundElsewhereException(String message) {
        super(message);
    }

    public CertificateBoundElsewhereException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
