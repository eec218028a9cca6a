package org.keybridge.portal.account;

import org.keybridge.portal.PortalException;

/**
 * No account with that user name or id. Code {@value #CODE}.
 */
public final class AccountUnknownException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ACCOUNT_UNKNOWN";

    public AccountUnknownException(String message) {
        super(message);
    }

    public AccountUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
