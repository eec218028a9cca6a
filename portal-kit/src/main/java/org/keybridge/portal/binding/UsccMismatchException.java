package org.keybridge.portal.binding;

import org.keybridge.portal.PortalException;

/**
 * The certificate offered for binding carries another enterprise's USCC than the account's. Code {@value #CODE}.
 */
public final class UsccMismatchException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "USCC_MISMATCH";

    public UsccMismatchException(String message) {
        super(message);
    }

    public UsccMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
