package org.keybridge.demoportal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo portal's HTTP server (the JDK's {@link HttpServer} on the loopback address): exact-path routes to page
 * handlers, the static files, and the headers every answer carries (a strict Content-Security-Policy whose only
 * foreign address is the agent's).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    private static final String STATIC = "/static/";
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml");

    private volatile Site site;
    private final Map<String, Map<String, Handler>> routes = new HashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "demo-portal-http");
        t.setDaemon(true);
        return t;
    });

    /** Binds 127.0.0.1:{@code port} (0: a free port); answers nothing until {@link #start}. */
    public WebServer(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", this::dispatch);
        server.setExecutor(threads);
    }

    public WebServer get(String path, Handler h) { return route("GET", path, h); }

    public WebServer post(String path, Handler h) { return route("POST", path, h); }

    private WebServer route(String method, String path, Handler h) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, h);
        return this;
    }

    public void start(Site site) {
        this.site = site;
        server.start();
    }

    public int port() { return server.getAddress().getPort(); }

    /** The origin pages are served from, and the one login tokens must be signed for. */
    public String origin() { return "http://localhost:" + port(); }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            var h = ex.getResponseHeaders();
            h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self' " + site.agentUrl() + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cache-Control", "no-store");
            String path = ex.getRequestURI().getPath();
            String host = ex.getRequestHeaders().getFirst("Host");
            if (!("localhost:" + port()).equals(host)) {
                // login tokens are signed for the origin the browser shows: keep it one (http://localhost:PORT)
                String q = ex.getRequestURI().getRawQuery();
                h.set("Location", origin() + ex.getRequestURI().getRawPath() + (q == null ? "" : "?" + q));
                ex.sendResponseHeaders(308, -1);
                return;
            }
            if (path.startsWith(STATIC) && ex.getRequestMethod().equals("GET")) {
                serveStatic(ex, path.substring(STATIC.length()));
                return;
            }
            Map<String, Handler> byMethod = routes.get(path);
            if (byMethod == null) {
                plain(ex, 404, "not found");
                return;
            }
            Handler handler = byMethod.get(ex.getRequestMethod());
            if (handler == null && ex.getRequestMethod().equals("GET")) {
                // a form's answer page (e.g. after a language link): start again from the hall, in that language
                String q = ex.getRequestURI().getRawQuery();
                h.set("Location", "/" + (q == null ? "" : "?" + q));
                ex.sendResponseHeaders(303, -1);
                return;
            }
            if (handler == null) {
                h.set("Allow", String.join(", ", byMethod.keySet()));
                plain(ex, 405, "method not allowed");
                return;
            }
            Web web = new Web(ex, site);
            try {
                handler.handle(web);
            } catch (Web.BadRequest e) {
                log.info("{} {}: refused: {}", ex.getRequestMethod(), path, e.getMessage());
                plain(ex, 400, e.getMessage());
            }
        } catch (Exception e) {
            log.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            try {
                plain(ex, 500, "internal error");
            } catch (IOException | RuntimeException ignored) {
                // the answer had already begun
            }
        }
    }

    private static void serveStatic(HttpExchange ex, String name) throws IOException {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        InputStream in = name.matches("[a-z0-9-]+\\.[a-z]+") && TYPES.containsKey(ext)
                ? WebServer.class.getResourceAsStream("/org/keybridge/demoportal/static/" + name) : null;
        if (in == null) {
            plain(ex, 404, "not found");
            return;
        }
        byte[] body;
        try (in) {
            body = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", TYPES.get(ext));
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private static void plain(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
