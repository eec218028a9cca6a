package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * A new password breaks {@link org.keybridge.portal.password.PasswordPolicy}; the message says which rule. Code {@value #CODE}.
 */
public final class PasswordTooWeakException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "PASSWORD_TOO_WEAK";

    public PasswordTooWeakException(String message) {
        super(message);
    }

    public PasswordTooWeakException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
