package org.keybridge.http;


/**
 * CORS, exactly: only an allow-listed origin ever appears in Access-Control-Allow-Origin (never {@code *}, never an
 * unknown origin reflected), and only after {@link RequestGuard#requireOrigin} accepted it. No credentials: the
 * agent uses no cookies.
 */
final class Cors {
    private Cors() {}

    static final String METHODS = "POST, GET";
    static final String HEADERS = "content-type, x-keybridge";
    static final String MAX_AGE = "600";

    /** The headers every answer to an allowed origin carries (errors too, so the page can read the error code). */
    static void allow(BridgeExchange ex, String origin) {
        ex.setHeader("Access-Control-Allow-Origin", origin);
    }

    /** 204 to a preflight from an allowed origin. */
    static void preflight(BridgeExchange ex, String origin) {
        Responses.common(ex, origin);
        ex.setHeader("Access-Control-Allow-Methods", METHODS);
        ex.setHeader("Access-Control-Allow-Headers", HEADERS);
        ex.setHeader("Access-Control-Max-Age", MAX_AGE);
        // the Private Network Access preflight of older Chromium builds (put on hold; Local Network Access replaced it)
        if ("true".equalsIgnoreCase(ex.header("Access-Control-Request-Private-Network"))) {
            ex.setHeader("Access-Control-Allow-Private-Network", "true");
        }
        ex.respond(204, null);
    }
}
