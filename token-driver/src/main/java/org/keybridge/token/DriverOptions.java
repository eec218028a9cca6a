package org.keybridge.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.keybridge.pkcs11.ModuleSpec;

/**
 * @param clock the clock certificate status is judged by (injectable for tests)
 * @param expiringSoon a certificate ending within this is EXPIRING_SOON
 * @param busyTimeout how long a login waits for another operation on the same token before BUSY
 * @param sm2Mechanisms the SM2 mechanism map of a PKCS#11 module whose spec has none (the catalog's per-module map);
 *     asked only when an SM2 key of that module signs, so a caller may look it up lazily
 */
public record DriverOptions(Clock clock, Duration expiringSoon, Duration busyTimeout,
                            Function<ModuleSpec, Map<String, Long>> sm2Mechanisms) {
    public DriverOptions {
        if (sm2Mechanisms == null) sm2Mechanisms = spec -> Map.of();
    }

    public DriverOptions(Clock clock, Duration expiringSoon, Duration busyTimeout) {
        this(clock, expiringSoon, busyTimeout, null);
    }

    public static DriverOptions defaults() {
        return new DriverOptions(Clock.systemUTC(), Duration.ofDays(30), Duration.ofSeconds(30));
    }

    public DriverOptions withClock(Clock c) { return new DriverOptions(c, expiringSoon, busyTimeout, sm2Mechanisms); }

    public DriverOptions withExpiringSoon(Duration d) { return new DriverOptions(clock, d, busyTimeout, sm2Mechanisms); }

    public DriverOptions withBusyTimeout(Duration d) { return new DriverOptions(clock, expiringSoon, d, sm2Mechanisms); }

    public DriverOptions withSm2Mechanisms(Function<ModuleSpec, Map<String, Long>> source) {
        return new DriverOptions(clock, expiringSoon, busyTimeout, source);
    }
}
