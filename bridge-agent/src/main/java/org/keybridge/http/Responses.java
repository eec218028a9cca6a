package org.keybridge.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
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
    static void common(Headers h, String corsOrigin) {
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Vary", "Origin");
        if (corsOrigin != null) Cors.allow(h, corsOrigin);
    }

    static void json(HttpExchange ex, int status, Object body, String corsOrigin) throws IOException {
        byte[] bytes = JsonBodies.write(body);
        Headers h = ex.getResponseHeaders();
        common(h, corsOrigin);
        h.set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * {@code {"error": {code, message, …}}}: the core's error object (with the certificate for CERTIFICATE_EXPIRED),
     * plus for BAD_REQUEST a {@code detail} saying which rule the request broke, for the portal's developers.
     */
    static void error(HttpExchange ex, KeyBridgeException e, Locale locale, String corsOrigin) throws IOException {
        Map<String, Object> error = AgentCore.errorObject(e, locale);
        if (e.code() == ErrorCode.BAD_REQUEST) {
            String m = e.getMessage();
            error.put("detail", m.startsWith(e.code() + ": ") ? m.substring(e.code().name().length() + 2) : m);
        }
        json(ex, StatusCodes.of(e), Map.of("error", error), corsOrigin);
    }
}
