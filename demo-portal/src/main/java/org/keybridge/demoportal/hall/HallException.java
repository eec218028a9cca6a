package org.keybridge.demoportal.hall;

/**
 * Why the service hall refused a step, with a stable code the pages turn into a text ({@code error_<code>} in the
 * message bundles): portal-kit's validation codes (SIGNATURE_INVALID, CERTIFICATE_UNTRUSTED, NONCE_UNKNOWN …) and the
 * hall's own (BAD_CREDENTIALS, NOT_BOUND, USCC_MISMATCH, BAD_CODE, WEAK_PASSWORD, NOT_LOGGED_IN …).
 */
public final class HallException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public HallException(String code, String message) {
        super(message);
        this.code = code;
    }

    public HallException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() { return code; }
}
