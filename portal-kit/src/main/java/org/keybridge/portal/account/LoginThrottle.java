package org.keybridge.portal.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Per-account password throttling: the first {@code freeFailures} consecutive wrong passwords cost nothing; each one
 * after that locks the account for {@code firstLock}, doubled at every further failure, at most {@code maxLock}
 * (defaults: 5 free, then 1, 2, 4, … minutes, at most 1 hour). A locked account refuses even the right password
 * until the lock ends; a successful login resets the count. The count is kept in the database, so restarts and
 * several portal machines share it.
 */
public record LoginThrottle(int freeFailures, Duration firstLock, Duration maxLock) {

    public static final LoginThrottle DEFAULT = new LoginThrottle(5, Duration.ofMinutes(1), Duration.ofHours(1));

    public LoginThrottle {
        if (freeFailures < 1 || firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
            throw new IllegalArgumentException("bad throttle: " + freeFailures + ", " + firstLock + ", " + maxLock);
        }
    }

    /** Until when an account with {@code failures} consecutive failures, the last at {@code now}, is locked; null if not. */
    public Instant lockedUntil(int failures, Instant now) {
        if (failures < freeFailures) return null;
        int doublings = Math.min(failures - freeFailures, 30);
        Duration d = firstLock.multipliedBy(1L << doublings);
        return now.plus(d.compareTo(maxLock) > 0 ? maxLock : d);
    }
}
