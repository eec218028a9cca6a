package org.keybridge.portal.auth;

/** The nonce was issued but its lifetime has passed. Code {@value #CODE}. */
public final class NonceExpiredException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "NONCE_EXPIRED";

    public NonceExpiredException(String message) {
        super(message);
    }

    public NonceExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
