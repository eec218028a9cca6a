package org.keybridge.portal.auth;

/** The algorithm is not on the allow-list, or does not fit the certificate's key (type, curve, RSA size). Code {@value #CODE}. */
public final class AlgorithmNotAllowedException extends AuthTokenException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ALGORITHM_NOT_ALLOWED";

    public AlgorithmNotAllowedException(String message) {
        super(message);
    }

    public AlgorithmNotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return CODE;
    }
}
