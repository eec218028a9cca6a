package org.keybridge.http;

import java.util.Locale;
import java.util.Map;
import org.keybridge.core.AgentCore;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** Writes JSON answers with the headers every answer carries. */
final class Responses {
    private Responses() {}

    /**
     * no-store: tokens and certificate lists must not sit in a cache; nosniff: the JSON is never run as script or
     * rendered as HTML; Vary: the answer depends on Origin (CORS headers differ per origin).
     */
    static void common(BridgeExchange ex, String corsOrigin) {
        ex.setHeader("Cache-Control", "no-store");
        ex.setHeader("X-Content-Type-Options", "nosniff");
        ex.setHeader("Vary", "Origin");
        if (corsOrigin != null) Cors.allow(ex, corsOrigin);
    }

    static void json(BridgeExchange ex, int status, Object body, String corsOrigin) {
        common(ex, corsOrigin);
        ex.setHeader("Content-Type", "application/json; charset=utf-8");
        ex.respond(status, JsonBodies.write(body));
    }

    /**
     * {@code {"error": {code, message, …}}}: the core's error object (with the certificate for CERTIFICATE_EXPIRED),
     * plus for BAD_REQUEST a {@code detail} saying which rule the request broke, for the portal's developers.
     */
    static void error(BridgeExchange ex, KeyBridgeException e, Locale locale, String corsOrigin) {
        Map<String, Object> error = AgentCore.errorObject(e, locale);
        if (e.code() == ErrorCode.BAD_REQUEST) {
            String m = e.getMessage();
            error.put("detail", m.startsWith(e.code() + ": ") ? m.substring(e.code().name().length() + 2) : m);
        }
        json(ex, StatusCodes.of(e), Map.of("error", error), corsOrigin);
    }
}
