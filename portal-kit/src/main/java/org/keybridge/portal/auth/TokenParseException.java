package org.keybridge.portal.auth;

/** The token is malformed: a field missing, not base64, too large, an unknown format, or a certificate that does not parse. Code {@value #CODE}. */
public final class TokenParseException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "TOKEN_PARSE";

    public TokenParseException(String message) {
        super(message);
    }

    public TokenParseException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
