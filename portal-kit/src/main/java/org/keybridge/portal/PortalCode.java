package org.keybridge.portal;

/**
 * Every code a {@link PortalException} may carry, in one list. Each has a user message in en, zh-CN and es
 * ({@link PortalMessages}); README's portal-kit section says when each is thrown.
 */
public enum PortalCode {
    // the token and the nonce (org.keybridge.portal.auth)
    TOKEN_PARSE, ALGORITHM_NOT_ALLOWED, CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID, CERTIFICATE_PURPOSE,
    CERTIFICATE_UNTRUSTED, SIGNATURE_INVALID, NONCE_UNKNOWN, NONCE_EXPIRED, NONCE_SESSION_MISMATCH,
    NONCE_PURPOSE_MISMATCH,
    // revocation (org.keybridge.portal.revocation)
    CERTIFICATE_REVOKED, REVOCATION_UNAVAILABLE,
    // enterprise identity (org.keybridge.portal.identity)
    USCC_MISSING, USCC_INVALID,
    // accounts and passwords (org.keybridge.portal.account)
    INVALID_CREDENTIALS, ACCOUNT_LOCKED, PASSWORD_CHANGE_REQUIRED, PASSWORD_TOO_WEAK, ACCOUNT_EXISTS,
    ACCOUNT_UNKNOWN, RESET_CODE_INVALID, RESET_CODE_EXPIRED, RESET_TOO_SOON,
    // sessions and bindings (org.keybridge.portal.session, org.keybridge.portal.binding)
    NOT_LOGGED_IN, USCC_MISMATCH, CERTIFICATE_NOT_BOUND, CERTIFICATE_BOUND_ELSEWHERE
}
