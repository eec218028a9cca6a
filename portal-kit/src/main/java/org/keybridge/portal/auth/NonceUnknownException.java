package org.keybridge.portal.auth;

/** The nonce was never issued, was already consumed (replay), or was evicted. Code {@value #CODE}. */
public final class NonceUnknownException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "NONCE_UNKNOWN";

    public NonceUnknownException(String message) {
        super(message);
    }

    public NonceUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
