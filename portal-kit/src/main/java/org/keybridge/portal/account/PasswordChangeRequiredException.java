package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * The account still has its initial password: it must be changed before anything else. Code {@value #CODE}.
 */
public final class PasswordChangeRequiredException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "PASSWORD_CHANGE_REQUIRED";

    public PasswordChangeRequiredException(String message) {
        super(message);
    }

    public PasswordChangeRequiredException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
