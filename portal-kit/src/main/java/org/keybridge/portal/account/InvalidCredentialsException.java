package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * Unknown user name or wrong password (one code for both, so that user names cannot be probed). Code {@value #CODE}.
 */
public final class InvalidCredentialsException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "INVALID_CREDENTIALS";

    public InvalidCredentialsException(String message) {
        super(message);
    }

    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
