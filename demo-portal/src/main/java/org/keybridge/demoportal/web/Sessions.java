package org.keybridge.demoportal.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sessions in memory, by a random cookie value. A login gets a fresh cookie value (no session fixation); sessions idle
 * for longer than {@link #IDLE} are dropped, and at most {@link #MAX} are kept (the oldest goes first).
 */
public final class Sessions {
    public static final String COOKIE = "KBSESSION";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final int MAX = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final LinkedHashMap<String, Session> byId = new LinkedHashMap<>(16, 0.75f, true);

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** The live session with this id, or null. */
    public synchronized Session find(String id) {
        if (id == null) return null;
        Instant now = clock.instant();
        sweep(now);
        Session s = byId.get(id);
        if (s != null) s.touch(now);
        return s;
    }

    public synchronized Session create() {
        Instant now = clock.instant();
        sweep(now);
        while (byId.size() >= MAX) {
            Iterator<String> it = byId.keySet().iterator();
            it.next();
            it.remove();
        }
        Session s = new Session(randomToken(), randomToken(), randomToken(), now);
        byId.put(s.id(), s);
        return s;
    }

    /** Gives the session a new cookie value (at login): the old value no longer finds it. */
    public synchronized void rotate(Session s) {
        byId.remove(s.id());
        s.id(randomToken());
        byId.put(s.id(), s);
    }

    public synchronized void drop(Session s) {
        byId.remove(s.id());
    }

    /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(s.csrfToken().getBytes(), presented.getBytes());
    }

    private void sweep(Instant now) {
        Instant limit = now.minus(IDLE);
        for (Iterator<Map.Entry<String, Session>> it = byId.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().lastSeen().isBefore(limit)) it.remove();
            else break; // access order: the rest were seen later
        }
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
