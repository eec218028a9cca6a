package org.keybridge.core;

/**
 * Who asks: the origin as the transport established it (the HTTP Origin header, or the origin the browser extension
 * read from the browser) — never a value from the request body.
 *
 * @param origin the web origin, e.g. https://portal.example
 * @param transport "http", "native-messaging" or "cli", for the audit line
 */
public record RequestContext(String origin, String transport) {}
