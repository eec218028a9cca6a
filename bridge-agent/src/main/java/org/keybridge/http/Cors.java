package org.keybridge.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

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
    static void allow(Headers response, String origin) {
        response.set("Access-Control-Allow-Origin", origin);
    }

    /** 204 to a preflight from an allowed origin. */
    static void preflight(HttpExchange ex, String origin) throws IOException {
        Headers r = ex.getResponseHeaders();
        Responses.common(r, origin);
        r.set("Access-Control-Allow-Methods", METHODS);
        r.set("Access-Control-Allow-Headers", HEADERS);
        r.set("Access-Control-Max-Age", MAX_AGE);
        // the Private Network Access preflight of older Chromium builds (put on hold; Local Network Access replaced it)
        if ("true".equalsIgnoreCase(RequestGuard.single(ex.getRequestHeaders(), "Access-Control-Request-Private-Network"))) {
            r.set("Access-Control-Allow-Private-Network", "true");
        }
        ex.sendResponseHeaders(204, -1);
    }
}
