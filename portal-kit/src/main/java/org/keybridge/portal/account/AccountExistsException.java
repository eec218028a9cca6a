package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * An account with that user name already exists. Code {@value #CODE}.
 */
public final class AccountExistsException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ACCOUNT_EXISTS";

    public AccountExistsException(String message) {
        super(message);
    }

    public AccountExistsException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
