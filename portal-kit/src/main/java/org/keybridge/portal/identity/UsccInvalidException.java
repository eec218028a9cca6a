package org.keybridge.portal.identity;

import org.keybridge.portal.auth.AuthTokenException;

/**
 * The certificate carries a value where its CA puts the USCC, but it is not a valid GB 32100 code (length,
 * alphabet, or the check character). Code {@value #CODE}.
 */
public final class UsccInvalidException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "USCC_INVALID";

    public UsccInvalidException(String message) {
        super(message);
    }

    public UsccInvalidException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
