package org.keybridge.token;

import java.time.Clock;
import java.time.Duration;

/**
 * @param clock the clock certificate status is judged by (injectable for tests)
 * @param expiringSoon a certificate ending within this is EXPIRING_SOON
 * @param busyTimeout how long a login waits for another operation on the same token before BUSY
 */
public record DriverOptions(Clock clock, Duration expiringSoon, Duration busyTimeout) {
    public static DriverOptions defaults() {
        return new DriverOptions(Clock.systemUTC(), Duration.ofDays(30), Duration.ofSeconds(30));
    }

    public DriverOptions withClock(Clock c) { return new DriverOptions(c, expiringSoon, busyTimeout); }

    public DriverOptions withExpiringSoon(Duration d) { return new DriverOptions(clock, d, busyTimeout); }

    public DriverOptions withBusyTimeout(Duration d) { return new DriverOptions(clock, expiringSoon, d); }
}
