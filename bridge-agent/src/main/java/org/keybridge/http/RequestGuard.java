package org.keybridge.http;

import java.util.Locale;
import java.util.Set;
import org.keybridge.core.OriginPolicy;
import org.keybridge.error.ErrorCode;

/**
 * The transport's checks of a request's headers, each refusing with its own status before anything reaches the core
 * (and so before the token is touched). The origin decision itself is the core's {@link OriginPolicy}, asked early.
 */
final class RequestGuard {
    private final OriginPolicy origins;
    private volatile int port;
    private volatile Set<String> hosts = Set.of();

    RequestGuard(OriginPolicy origins) {
        this.origins = origins;
    }

    /** The port the bridge is bound to; until told, every Host is refused. */
    void bound(int boundPort) {
        this.port = boundPort;
        this.hosts = Set.of("127.0.0.1:" + boundPort, "localhost:" + boundPort);
    }

    /**
     * DNS rebinding: a hostile name re-pointed at 127.0.0.1 makes the browser treat the agent as that name's own
     * server, so Origin checks alone would not see it; the Host header still carries the hostile name. BAD_REQUEST, not
     * ORIGIN_NOT_ALLOWED: the request was addressed to another server, and no allow-list entry could make it right.
     */
    void requireHost(BridgeExchange ex) {
        String host = ex.header("Host");
        if (host == null || !hosts.contains(host)) {
            throw new HttpError(403, ErrorCode.BAD_REQUEST, "Host must be 127.0.0.1:" + port + " or localhost:" + port);
        }
    }

    /** The Origin header, exactly on the allow-list: missing, "null", several, or anything else is refused. */
    String requireOrigin(BridgeExchange ex) {
        String origin = ex.header("Origin");
        if (!origins.allows(origin)) {
            throw new HttpError(403, ErrorCode.ORIGIN_NOT_ALLOWED, "origin " + (origin == null ? "(none)" : "'" + Log.clean(origin) + "'")
                    + " is not on the allow-list");
        }
        return origin;
    }

    /**
     * Operations want {@code Content-Type: application/json} and {@code X-KeyBridge: 1}: neither is allowed in a
     * "simple" cross-origin request, so a browser must send a preflight first, which only allow-listed origins pass.
     * A form-encoded or text/plain POST (what a page can send without a preflight) never reaches the core.
     */
    static void requireJsonPost(BridgeExchange ex) {
        String type = ex.header("Content-Type");
        if (type == null || !isJson(type)) {
            throw new HttpError(415, ErrorCode.BAD_REQUEST, "Content-Type must be application/json");
        }
        if (!"1".equals(ex.header("X-KeyBridge"))) {
            throw new HttpError(400, ErrorCode.BAD_REQUEST, "header X-KeyBridge: 1 is required");
        }
    }

    /** application/json, optionally with charset=utf-8 and nothing else. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        if (parts.length > 2 || !parts[0].trim().equalsIgnoreCase("application/json")) return false;
        if (parts.length == 1) return true;
        String p = parts[1].trim().toLowerCase(Locale.ROOT);
        return p.equals("charset=utf-8") || p.equals("charset=\"utf-8\"");
    }

}
