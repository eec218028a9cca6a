package org.keybridge.portal.account;

import java.time.Instant;
import org.keybridge.portal.PortalException;

/**
 * Too many wrong passwords: the account refuses password logins until {@link #lockedUntil()}, even with the right
 * password (see {@link LoginThrottle}). Code {@value #CODE}.
 */
public final class AccountLockedException extends PortalException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "ACCOUNT_LOCKED";

    private final Instant lockedUntil;

    public AccountLockedException(String message, Instant lockedUntil) {
        super(message);
        this.lockedUntil = lockedUntil;
    }

    /** When the next password attempt is accepted. */
    public Instant lockedUntil() {
        return lockedUntil;
    }

    @Override
    public String code() {
        return CODE;
    }
}
