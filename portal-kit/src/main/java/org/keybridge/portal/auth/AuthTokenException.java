package org.keybridge.portal.auth;

import org.keybridge.portal.PortalException;

/**
 * Why a login token or a challenge nonce was refused. One subclass per failure, each with a stable {@link #code()}
 * that a portal can map to a page or a log line; the message is for logs, in English, and never holds a whole nonce.
 *
 * <p>Codes: TOKEN_PARSE, ALGORITHM_NOT_ALLOWED, CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID,
 * CERTIFICATE_PURPOSE, CERTIFICATE_UNTRUSTED, SIGNATURE_INVALID (also a wrong origin), NONCE_UNKNOWN,
 * NONCE_EXPIRED, NONCE_SESSION_MISMATCH, NONCE_PURPOSE_MISMATCH; and CERTIFICATE_REVOKED, REVOCATION_UNAVAILABLE
 * (revocation), USCC_MISSING, USCC_INVALID (enterprise identity). A {@link PortalException}, so a portal catches one type.
 */
public abstract class AuthTokenException extends PortalException {
    private static final long serialVersionUID = 1L;

    protected AuthTokenException(String message) {
        super(message);
    }

    protected AuthTokenException(String message, Throwable cause) {
        super(message, cause);
    }

}
