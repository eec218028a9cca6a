package org.keybridge.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.keybridge.core.AgentCore;
import org.keybridge.core.RequestContext;
import org.keybridge.core.Results;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request: the transport's checks in a fixed order (Host, Origin, path, preflight, method, JSON headers, rate,
 * body), then one call into the core. The transport decides no policy: the origin it passes is the Origin header,
 * and the core checks it again.
 */
final class BridgeHandler {
    private static final Logger log = LoggerFactory.getLogger(BridgeHandler.class);

    private final AgentCore core;
    private final RequestGuard guard;
    private final RateLimiter limiter;
    private final EventStreams streams;

    BridgeHandler(AgentCore core, RequestGuard guard, RateLimiter limiter, EventStreams streams) {
        this.core = core;
        this.guard = guard;
        this.limiter = limiter;
        this.streams = streams;
    }

    /** Fills in the exchange's answer; the server sends it. Never throws. */
    void handle(BridgeExchange ex) {
        Locale locale = acceptLanguage(ex);
        String cors = null;
        try {
            guard.requireHost(ex);
            String origin = guard.requireOrigin(ex);
            cors = origin;
            Route route = Route.of(ex.path());
            if (route == null) throw new HttpError(404, ErrorCode.BAD_REQUEST, "no such endpoint");
            if (ex.method().equals("OPTIONS")) {
                Cors.preflight(ex, origin);
                return;
            }
            if (!ex.method().equals(route.method)) {
                ex.setHeader("Allow", route.method + ", OPTIONS");
                throw new HttpError(405, ErrorCode.BAD_REQUEST, route.path + " accepts " + route.method + " only");
            }
            if (route != Route.EVENTS) RequestGuard.requireJsonPost(ex);
            // counted before the body is read, so a flood of large or malformed bodies is limited too
            if (!limiter.tryAcquire(origin)) {
                ex.setHeader("Retry-After", "1");
                throw new HttpError(429, ErrorCode.BUSY, "too many requests from " + origin);
            }
            if (route == Route.EVENTS) {
                streams.open(ex, origin);
                return;
            }
            byte[] body = JsonBodies.read(ex);
            RequestContext ctx = new RequestContext(origin, "http");
            Object result;
            switch (route) {
                case STATUS -> {
                    locale = lang(JsonBodies.parse(body, JsonBodies.LangRequest.class).lang(), locale);
                    result = core.status(ctx);
                }
                case CERTIFICATES -> {
                    String lang = JsonBodies.parse(body, JsonBodies.LangRequest.class).lang();
                    locale = lang(lang, locale);
                    result = core.certificates(ctx, lang == null ? locale.toLanguageTag() : lang);
                }
                case AUTHENTICATE -> {
                    Results.AuthenticateRequest r = JsonBodies.parse(body, Results.AuthenticateRequest.class);
                    locale = lang(r.lang(), locale);
                    result = core.authenticate(ctx, r);
                }
                case BIND_CERTIFICATE -> {
                    Results.BindRequest r = JsonBodies.parse(body, Results.BindRequest.class);
                    locale = lang(r.lang(), locale);
                    result = core.bindCertificate(ctx, r);
                }
                default -> throw new IllegalStateException(route.name());
            }
            Responses.json(ex, 200, result, cors);
        } catch (KeyBridgeException e) {
            logRefusal(ex, e);
            fail(ex, e, locale, cors);
        } catch (IOException e) {
            log.debug("{} {}: client went away: {}", ex.method(), Log.clean(ex.path()), e.toString());
            ex.respond(400, null);
        } catch (RuntimeException e) {
            log.error("{} {} failed", ex.method(), Log.clean(ex.path()), e);
            fail(ex, new KeyBridgeException(ErrorCode.TOKEN_ERROR, "internal error", e), locale, cors);
        }
    }

    private static void fail(BridgeExchange ex, KeyBridgeException e, Locale locale, String cors) {
        if (ex.streamed() != null) return; // an event stream that started: its own end tells the client
        Responses.error(ex, e, locale, cors);
    }

    /** Refusals at the door are worth an INFO line (someone tried); the core logs its own results in the audit. */
    private static void logRefusal(BridgeExchange ex, KeyBridgeException e) {
        if (!(e instanceof HttpError) && e.code() != ErrorCode.ORIGIN_NOT_ALLOWED) return;
        boolean door = e.code() == ErrorCode.ORIGIN_NOT_ALLOWED || StatusCodes.of(e) == 403;
        String line = "refused {} {} origin={} status={}: {}";
        Object[] args = {ex.method(), Log.clean(ex.path()), Log.clean(ex.header("Origin")), StatusCodes.of(e), e.getMessage()};
        if (door) log.info(line, args); else log.debug(line, args);
    }

    private static Locale lang(String lang, Locale fallback) {
        return lang == null || lang.isBlank() ? fallback : KeyBridgeException.supported(Locale.forLanguageTag(lang));
    }

    /** For errors found before the body is read: the browser's language, else the system's. */
    private static Locale acceptLanguage(BridgeExchange ex) {
        String accept = ex.header("Accept-Language");
        if (accept != null) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(accept);
                if (!ranges.isEmpty() && !ranges.get(0).getRange().equals("*")) {
                    return KeyBridgeException.supported(Locale.forLanguageTag(ranges.get(0).getRange()));
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is no reason to refuse; use the system's language
            }
        }
        return KeyBridgeException.supported(Locale.getDefault());
    }
}
