package org.keybridge.portal.challenge;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keybridge.portal.auth.AuthTokenException;
import org.keybridge.portal.auth.NonceExpiredException;
import org.keybridge.portal.auth.NoncePurposeMismatchException;
import org.keybridge.portal.auth.NonceSessionMismatchException;
import org.keybridge.portal.auth.NonceUnknownException;

/**
 * Challenge nonces in memory: issued to one browser session for one {@link Purpose}, single use, with a lifetime
 * (5 minutes by default). Thread-safe; one lock, held only for map operations.
 *
 * <p>{@link #consume} removes the nonce whatever the outcome: a nonce presented once is spent, so a replay, or a
 * second try after a refusal, gives NONCE_UNKNOWN. Memory is bounded: at most {@code maxPerSession} live nonces per
 * session (the oldest is dropped), at most {@code maxTotal} in all (the oldest is dropped), and expired nonces are
 * swept once they are a further lifetime old (until then they answer NONCE_EXPIRED rather than NONCE_UNKNOWN).
 */
public final class ChallengeStore {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_PER_SESSION = 8;
    public static final int DEFAULT_MAX_TOTAL = 100_000;

    private record Entry(String sessionId, Purpose purpose, Instant expiresAt) {}

    private final Clock clock;
    private final Duration lifetime;
    private final int maxPerSession;
    private final int maxTotal;
    private final SecureRandom random;

    private final Object lock = new Object();
    /** In issue order; with a fixed lifetime and a clock that does not go back, also in expiry order. */
    private final LinkedHashMap<String, Entry> byNonce = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<String>> bySession = new HashMap<>();

    private ChallengeStore(Builder b) {
        this.clock = b.clock;
        this.lifetime = b.lifetime;
        this.maxPerSession = b.maxPerSession;
        this.maxTotal = b.maxTotal;
        this.random = b.random;
    }

    /** A store with the defaults: system UTC clock, 5 minutes, 8 per session, 100 000 in all. */
    public ChallengeStore() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh nonce (32 random bytes, 44 characters of base64) for this session and purpose. */
    public ChallengeNonce issue(String sessionId, Purpose purpose) {
        requireSession(sessionId);
        Objects.requireNonNull(purpose, "purpose");
        ChallengeNonce nonce = ChallengeNonce.generate(random);
        Instant now = clock.instant();
        synchronized (lock) {
            sweep(now);
            ArrayDeque<String> mine = bySession.computeIfAbsent(sessionId, s -> new ArrayDeque<>());
            while (mine.size() >= maxPerSession) {
                byNonce.remove(mine.pollFirst());
            }
            while (byNonce.size() >= maxTotal) {
                Iterator<Map.Entry<String, Entry>> it = byNonce.entrySet().iterator();
                Map.Entry<String, Entry> oldest = it.next();
                it.remove();
                forget(oldest.getValue().sessionId(), oldest.getKey());
            }
            byNonce.put(nonce.value(), new Entry(sessionId, purpose, now.plus(lifetime)));
            mine.addLast(nonce.value());
        }
        return nonce;
    }

    /**
     * Spends {@code nonce}: succeeds once, for the session and purpose it was issued to, before it expires.
     *
     * @throws NonceUnknownException never issued, already consumed (replay), or evicted
     * @throws NonceSessionMismatchException issued to another session
     * @throws NoncePurposeMismatchException issued for another purpose
     * @throws NonceExpiredException its lifetime has passed
     */
    public void consume(String sessionId, Purpose purpose, String nonce) throws AuthTokenException {
        requireSession(sessionId);
        Objects.requireNonNull(purpose, "purpose");
        Instant now = clock.instant();
        Entry e;
        synchronized (lock) {
            e = nonce == null ? null : byNonce.remove(nonce);
            if (e != null) forget(e.sessionId(), nonce);
        }
        if (e == null) throw new NonceUnknownException("challenge nonce " + prefix(nonce) + " is unknown or already used");
        if (!e.sessionId().equals(sessionId)) {
            throw new NonceSessionMismatchException("challenge nonce " + prefix(nonce) + " was issued to another session");
        }
        if (e.purpose() != purpose) {
            throw new NoncePurposeMismatchException("challenge nonce " + prefix(nonce) + " was issued for " + e.purpose()
                    + ", not " + purpose);
        }
        if (!now.isBefore(e.expiresAt())) {
            throw new NonceExpiredException("challenge nonce " + prefix(nonce) + " expired at " + e.expiresAt());
        }
    }

    /** Live and recently expired nonces held (for tests and metrics). */
    public int size() {
        synchronized (lock) {
            return byNonce.size();
        }
    }

    /** Drops nonces expired for more than a lifetime. Called under the lock. */
    private void sweep(Instant now) {
        Instant limit = now.minus(lifetime);
        Iterator<Map.Entry<String, Entry>> it = byNonce.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> m = it.next();
            if (m.getValue().expiresAt().isAfter(limit)) break;
            it.remove();
            forget(m.getValue().sessionId(), m.getKey());
        }
    }

    private void forget(String sessionId, String nonce) {
        ArrayDeque<String> q = bySession.get(sessionId);
        if (q == null) return;
        q.remove(nonce);
        if (q.isEmpty()) bySession.remove(sessionId);
    }

    private static void requireSession(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) throw new IllegalArgumentException("sessionId is missing");
    }

    private static String prefix(String nonce) {
        if (nonce == null) return "(none)";
        return (nonce.length() > 6 ? nonce.substring(0, 6) : nonce) + "…";
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration lifetime = DEFAULT_LIFETIME;
        private int maxPerSession = DEFAULT_MAX_PER_SESSION;
        private int maxTotal = DEFAULT_MAX_TOTAL;
        private SecureRandom random = new SecureRandom();

        private Builder() {}

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.lifetime = lifetime;
            return this;
        }

        public Builder maxPerSession(int n) {
            if (n < 1) throw new IllegalArgumentException("maxPerSession must be at least 1");
            this.maxPerSession = n;
            return this;
        }

        public Builder maxTotal(int n) {
            if (n < 1) throw new IllegalArgumentException("maxTotal must be at least 1");
            this.maxTotal = n;
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public ChallengeStore build() {
            return new ChallengeStore(this);
        }
    }
}
