package org.keybridge.portal.auth;

/** The signature does not verify over H(origin) || H(nonce); a token signed for another origin fails here too. Code {@value #CODE}. */
public final class SignatureInvalidException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "SIGNATURE_INVALID";

    public SignatureInvalidException(String message) {
        super(message);
    }

    public SignatureInvalidException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
