package org.keybridge.portal.store;

/** The database failed (unreachable, full, a bug): not the user's fault, so unchecked; the portal answers 500. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
