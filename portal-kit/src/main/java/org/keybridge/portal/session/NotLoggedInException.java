package org.keybridge.portal.session;

import org.keybridge.portal.PortalException;

/**
 * The browser session is not logged in as that account (or not at all): binding needs a login in the same
 * session that asked for the BIND challenge. Code {@value #CODE}.
 */
public final class NotLoggedInException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "NOT_LOGGED_IN";

    public NotLoggedInException(String message) {
        super(message);
    }

    public NotLoggedInException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
