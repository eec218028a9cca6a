package org.keybridge.demoportal.web;

import java.time.Instant;

/**
 * One browser session: its id (the cookie's value), the CSRF token its forms and API calls must carry, the account
 * logged in (null before login) and whether that account must change its password before anything else.
 */
public final class Session {
    private final String id;
    private final String csrfToken;
    private volatile String account;
    private volatile String loginMethod;
    private volatile boolean mustChangePassword;
    private volatile String notice;
    private volatile Instant lastSeen;

    Session(String id, String csrfToken, Instant now) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.lastSeen = now;
    }

    public String id() { return id; }

    public String csrfToken() { return csrfToken; }

    public String account() { return account; }

    /** How the account logged in: "password" or "certificate" (shown on the enterprise page). */
    public String loginMethod() { return loginMethod; }

    public boolean loggedIn() { return account != null; }

    public boolean mustChangePassword() { return mustChangePassword; }

    public void mustChangePassword(boolean must) { this.mustChangePassword = must; }

    void login(String account, String method, boolean mustChange) {
        this.account = account;
        this.loginMethod = method;
        this.mustChangePassword = mustChange;
    }

    /** A one-time message for the next page (e.g. "password changed"): a message key. */
    public void flash(String messageKey) { this.notice = messageKey; }

    public String takeFlash() {
        String n = notice;
        notice = null;
        return n;
    }

    Instant lastSeen() { return lastSeen; }

    void touch(Instant now) { lastSeen = now; }
}
