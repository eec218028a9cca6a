package org.keybridge.demoportal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keybridge.portal.Portal;

/**
 * One request and its answer, for the page handlers: the session (made when the browser has none), the page's
 * language, the form fields, and the ways to answer (a rendered page, a redirect, JSON). HTTP itself is the JDK's.
 */
public final class Web {
    static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpExchange exchange;
    private final Site site;
    private Session session;
    private final Locale locale;
    private final boolean langChosen;
    private Map<String, String> form;

    Web(HttpExchange exchange, Site site) {
        this.exchange = exchange;
        this.site = site;
        Map<String, String> cookies = cookies(exchange.getRequestHeaders().getFirst("Cookie"));
        Session s = site.sessions().find(cookies.get(Sessions.COOKIE));
        if (s == null) {
            s = site.sessions().create();
            setSessionCookie(s);
        }
        this.session = s;
        Locale chosen = I18n.parse(query("lang"));
        this.langChosen = chosen != null;
        if (chosen == null) chosen = I18n.parse(cookies.get("lang"));
        if (chosen == null) chosen = I18n.negotiate(exchange.getRequestHeaders().getFirst("Accept-Language"));
        this.locale = chosen;
        if (langChosen) {
            exchange.getResponseHeaders().add("Set-Cookie", "lang=" + I18n.tag(locale)
                    + "; Path=/; Max-Age=31536000; SameSite=Strict");
        }
    }

    public String method() { return exchange.getRequestMethod(); }

    public String path() { return exchange.getRequestURI().getPath(); }

    public Session session() { return session; }

    public Locale locale() { return locale; }

    public Site site() { return site; }

    /** portal-kit, which this session is known to by {@link Session#key()}. */
    public Portal portal() { return site.portal(); }

    public String header(String name) { return exchange.getRequestHeaders().getFirst(name); }

    public String text(String key, Object... args) { return site.i18n().text(locale, key, args); }

    /** A query parameter, or null. */
    public String query(String name) {
        return decode(exchange.getRequestURI().getRawQuery()).get(name);
    }

    /** A field of the posted form ({@code application/x-www-form-urlencoded}), or null. */
    public String form(String name) throws IOException {
        if (form == null) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
                if (body.length > MAX_FORM_BYTES) throw new BadRequest("form larger than " + MAX_FORM_BYTES + " bytes");
                form = decode(new String(body, StandardCharsets.US_ASCII));
            }
        }
        return form.get(name);
    }

    /** Refuses the request unless the form field {@code csrf} or the header {@code X-CSRF-Token} is the session's token. */
    public void requireCsrf() throws IOException {
        String presented = header("X-CSRF-Token");
        if (presented == null) presented = form("csrf");
        if (!Sessions.csrfMatches(session, presented)) throw new BadRequest("missing or wrong CSRF token");
    }

    /** After a login: the session gets a new cookie value (the one from before the login no longer works). */
    public void loggedIn() {
        site.sessions().rotate(session);
        setSessionCookie(session);
    }

    /** Logs out in portal-kit and starts a new, empty session. */
    public void logout() {
        site.portal().logout(session.key());
        site.sessions().drop(session);
        session = site.sessions().create();
        setSessionCookie(session);
    }

    /** Renders {@code template} with the page's texts, language links, CSRF token and who is logged in. */
    public void render(int status, String template, Map<String, Object> model) throws IOException {
        Map<String, Object> m = new HashMap<>(model);
        m.put("t", site.i18n().texts(locale));
        m.put("lang", I18n.tag(locale));
        m.put("csrf", session.csrfToken());
        m.put("agentUrl", site.agentUrl());
        m.put("loggedIn", site.portal().sessionLogin(session.key()).isPresent());
        String flash = session.takeFlash();
        if (flash != null) m.put("flash", site.i18n().texts(locale).get(flash));
        m.put("languages", languageLinks());
        byte[] html = site.views().render(template, m).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Language", I18n.tag(locale));
        send(status, html);
    }

    public void render(String template, Map<String, Object> model) throws IOException {
        render(200, template, model);
    }

    /** 303 See Other to a path of this portal. */
    public void redirect(String path) throws IOException {
        exchange.getResponseHeaders().set("Location", path);
        send(303, new byte[0]);
    }

    public void json(int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(status, json.getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private List<Map<String, Object>> languageLinks() {
        return I18n.SUPPORTED.stream().map(l -> {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("tag", I18n.tag(l));
            link.put("name", site.i18n().text(l, "language_name"));
            link.put("current", l.equals(locale));
            return link;
        }).toList();
    }

    private void setSessionCookie(Session s) {
        exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + s.id()
                + "; Path=/; HttpOnly; SameSite=Strict");
    }

    /** {@code a=1&b=2} (query or form body); the first value of a name wins. */
    static Map<String, String> decode(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null || raw.isEmpty()) return m;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed form or query encoding");
            }
        }
        return m;
    }

    /** The {@code Cookie} header's name=value pairs. */
    static Map<String, String> cookies(String header) {
        Map<String, String> m = new HashMap<>();
        if (header == null) return m;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return m;
    }

    /** A request the portal refuses as malformed (400), e.g. a missing CSRF token. */
    public static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message);
        }
    }
}
