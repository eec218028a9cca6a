package org.keybridge.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per origin: {@code burst} requests at once, refilled at {@code perSecond}. Keys are allow-listed
 * origins only (unknown origins are refused before the limiter), so the map cannot grow without bound.
 */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    RateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate limit must be positive");
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** True when {@code key} may make one more request now (and that request is counted). */
    boolean tryAcquire(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(nanoTime.getAsLong())).take(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens = burst;
        private long last;

        Bucket(long now) { last = now; }

        synchronized boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
