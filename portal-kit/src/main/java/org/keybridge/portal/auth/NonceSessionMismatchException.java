package org.keybridge.portal.auth;

/** The nonce was issued to another browser session (the forged-login CSRF of Web eID v1). Code {@value #CODE}. */
public final class NonceSessionMismatchException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "NONCE_SESSION_MISMATCH";

    public NonceSessionMismatchException(String message) {
        super(message);
    }

    public NonceSessionMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
