package org.keybridge.portal.challenge;

/** What a challenge nonce may be used for: a nonce issued for one purpose is refused for the other. */
public enum Purpose { LOGIN, BIND }
