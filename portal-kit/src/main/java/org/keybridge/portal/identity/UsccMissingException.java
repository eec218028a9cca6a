package org.keybridge.portal.identity;

import org.keybridge.portal.auth.AuthTokenException;

/**
 * The certificate does not carry the Unified Social Credit Code where its CA puts it (see {@link UsccLocation}). Code {@value #CODE}.
 */
public final class UsccMissingException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "USCC_MISSING";

    public UsccMissingException(String message) {
        super(message);
    }

    public UsccMissingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
