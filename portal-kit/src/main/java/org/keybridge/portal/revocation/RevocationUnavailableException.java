package org.keybridge.portal.revocation;

import org.keybridge.portal.auth.AuthTokenException;

/**
 * Revocation could not be established where it is required: the OCSP responder is unreachable, answered
 * "unknown" or an error, or its answer does not verify or is stale; or no current CRL of the issuer is at hand.
 * Fail closed: the login is refused. Code {@value #CODE}.
 */
public final class RevocationUnavailableException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "REVOCATION_UNAVAILABLE";

    public RevocationUnavailableException(String message) {
        super(message);
    }

    public RevocationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
