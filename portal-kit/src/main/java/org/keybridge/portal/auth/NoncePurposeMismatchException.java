package org.keybridge.portal.auth;

/** The nonce was issued for another purpose (a login nonce cannot bind a certificate, nor the reverse). Code {@value #CODE}. */
public final class NoncePurposeMismatchException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "NONCE_PURPOSE_MISMATCH";

    public NoncePurposeMismatchException(String message) {
        super(message);
    }

    public NoncePurposeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
