package org.keybridge.portal;

/**
 * Why a portal operation was refused: the root of portal-kit's checked exceptions. One subclass per failure, each
 * with a stable {@link #code()} (listed in {@link PortalCode}) that a page maps to a message
 * ({@link PortalMessages}); {@link #getMessage()} is English for logs and never holds a password, a reset code or a
 * whole nonce. Token and nonce failures are the {@link org.keybridge.portal.auth.AuthTokenException} branch.
 */
public abstract class PortalException extends Exception {
    private static final long serialVersionUID = 1L;

    protected PortalException(String message) {
        super(message);
    }

    protected PortalException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The stable code, e.g. {@code "INVALID_CREDENTIALS"}. */
    public abstract String code();

    /** The code as the enum constant. */
    public PortalCode portalCode() {
        return PortalCode.valueOf(code());
    }

    @Override
    public String toString() {
        return code() + ": " + getMessage();
    }
}
