package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * The password-reset code is older than its lifetime (10 minutes). Code {@value #CODE}.
 */
public final class ResetCodeExpiredException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "RESET_CODE_EXPIRED";

    public ResetCodeExpiredException(String message) {
        super(message);
    }

    public ResetCodeExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
