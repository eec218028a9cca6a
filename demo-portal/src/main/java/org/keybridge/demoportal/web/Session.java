package org.keybridge.demoportal.web;

import java.time.Instant;

/**
 * One browser session. Its cookie value changes at every login (no session fixation); its {@link #key()} does not,
 * never leaves the server, and is the session id portal-kit knows it by (logins, challenge nonces). Who is logged in
 * is portal-kit's to say ({@code Portal.sessionLogin(key)}).
 */
public final class Session {
    private volatile String id;
    private final String key;
    private final String csrfToken;
    private volatile String notice;
    private volatile Instant lastSeen;

    Session(String id, String key, String csrfToken, Instant now) {
        this.id = id;
        this.key = key;
        this.csrfToken = csrfToken;
        this.lastSeen = now;
    }

    /** The cookie's value. */
    public String id() { return id; }

    /** The session id portal-kit knows: stable, secret. */
    public String key() { return key; }

    public String csrfToken() { return csrfToken; }

    /** A one-time message for the next page (e.g. "password changed"): a message key. */
    public void flash(String messageKey) { this.notice = messageKey; }

    public String takeFlash() {
        String n = notice;
        notice = null;
        return n;
    }

    void id(String id) { this.id = id; }

    Instant lastSeen() { return lastSeen; }

    void touch(Instant now) { lastSeen = now; }
}
