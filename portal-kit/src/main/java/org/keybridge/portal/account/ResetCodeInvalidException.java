package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * The password-reset code is wrong, already used, never sent, or spent by too many wrong tries. Code {@value #CODE}.
 */
public final class ResetCodeInvalidException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "RESET_CODE_INVALID";

    public ResetCodeInvalidException(String message) {
        super(message);
    }

    public ResetCodeInvalidException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
