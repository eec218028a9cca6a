package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * A reset code was sent to this account less than a minute ago (no SMS flooding). Code {@value #CODE}.
 */
public final class ResetTooSoonException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "RESET_TOO_SOON";

    public ResetTooSoonException(String message) {
        super(message);
    }

    public ResetTooSoonException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
