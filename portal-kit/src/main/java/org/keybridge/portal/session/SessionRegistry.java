package org.keybridge.portal.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keybridge.portal.challenge.Purpose;

/**
 * The portal's view of browser sessions, in memory: who each is logged in as, and the last challenge nonce issued to
 * it per {@link Purpose} (so that a token is checked against the nonce of <em>this</em> session, never one the
 * browser names). A session is forgotten after {@code idle} without use (30 minutes by default) or at
 * {@link #logout}; at most {@code max} sessions are held, the least recently used dropped first. A portal on several
 * machines needs sticky sessions (the challenge store is in memory too).
 */
public final class SessionRegistry {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final int DEFAULT_MAX = 100_000;

    private static final class State {
        SessionLogin login;
        final Map<Purpose, String> nonces = new EnumMap<>(Purpose.class);
        Instant lastUsed;
    }

    private final Clock clock;
    private final Duration idle;
    private final int max;
    private final LinkedHashMap<String, State> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public SessionRegistry(Clock clock) {
        this(clock, DEFAULT_IDLE, DEFAULT_MAX);
    }

    public SessionRegistry(Clock clock, Duration idle, int max) {
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    public synchronized void loggedIn(String sessionId, SessionLogin login) {
        state(sessionId, true).login = login;
    }

    public synchronized Optional<SessionLogin> login(String sessionId) {
        State s = state(sessionId, false);
        return s == null ? Optional.empty() : Optional.ofNullable(s.login);
    }

    public synchronized void logout(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Remembers the nonce just issued to this session for this purpose (replacing an earlier one). */
    public synchronized void rememberNonce(String sessionId, Purpose purpose, String nonce) {
        state(sessionId, true).nonces.put(purpose, nonce);
    }

    /** The nonce last issued to this session for this purpose, forgotten by this call; null if none. */
    public synchronized String takeNonce(String sessionId, Purpose purpose) {
        State s = state(sessionId, false);
        return s == null ? null : s.nonces.remove(purpose);
    }

    public synchronized int size() {
        return sessions.size();
    }

    private State state(String sessionId, boolean create) {
        if (sessionId == null || sessionId.isEmpty()) throw new IllegalArgumentException("sessionId is missing");
        Instant now = clock.instant();
        sweep(now);
        State s = sessions.get(sessionId);
        if (s == null && create) {
            while (sessions.size() >= max) {
                Iterator<String> it = sessions.keySet().iterator();
                it.next();
                it.remove();
            }
            s = new State();
            sessions.put(sessionId, s);
        }
        if (s != null) s.lastUsed = now;
        return s;
    }

    /** Access order: the least recently used first, so the sweep stops at the first live session. */
    private void sweep(Instant now) {
        Iterator<State> it = sessions.values().iterator();
        while (it.hasNext()) {
            State s = it.next();
            if (s.lastUsed.plus(idle).isAfter(now)) break;
            it.remove();
        }
    }
}
