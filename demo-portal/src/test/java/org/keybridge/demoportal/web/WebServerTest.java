package org.keybridge.demoportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The web layer over real HTTP on loopback: cookies, CSRF, the origin, headers, languages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server (portal-kit's start-up hashes once); sessions apart
class WebServerTest {
    @TempDir
    static Path dir;
    private WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        server = new WebServer(0);
        server.get("/page", web -> web.render("home", Map.of()));
        server.post("/form", web -> {
            web.requireCsrf();
            web.json(200, "{\"field\":\"" + web.form("field") + "\"}");
        });
        server.start(new Site(TestPortal.create(dir, server.origin()), null, new Sessions(Clock.systemUTC()), new I18n(),
                new Views(), "http://127.0.0.1:24981", null));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        HttpResponse<String> r = get("/page", "zh-CN");
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith(Sessions.COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/"));
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' http://127.0.0.1:24981").contains("script-src 'self'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> page = get("/page", "en");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = page.body().replaceAll("(?s).*data-csrf=\"([^\"]+)\".*", "$1");
        assertThat(csrf).hasSizeGreaterThan(40);

        assertThat(post("/form", cookie, "field=x").statusCode()).isEqualTo(400);
        assertThat(post("/form", cookie, "field=x&csrf=" + csrf.substring(1)).statusCode()).isEqualTo(400);
        HttpResponse<String> ok = post("/form", cookie, "field=%E7%A4%BE&csrf=" + csrf);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"field\":\"社\"}");
        // the token of another session does not do
        HttpResponse<String> other = get("/page", "en");
        String otherCookie = other.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(post("/form", otherCookie, "field=x&csrf=" + csrf).statusCode()).isEqualTo(400);
    }

    @Test
    void pagesSpeakTheBrowsersLanguageAndTheChosenOneSticks() throws Exception {
        assertThat(get("/page", "es-ES,es;q=0.9").body()).contains("<html lang=\"es\">").contains("Acceso de empresas");
        HttpResponse<String> chosen = http.send(HttpRequest.newBuilder(URI.create(server.origin() + "/page?lang=en"))
                .header("Accept-Language", "es").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chosen.body()).contains("Employer login");
        String langCookie = chosen.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lang="))
                .findFirst().orElseThrow();
        assertThat(langCookie).startsWith("lang=en;").contains("SameSite=Strict");
        HttpResponse<String> later = http.send(HttpRequest.newBuilder(URI.create(server.origin() + "/page"))
                .header("Accept-Language", "es").header("Cookie", "lang=en").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(later.body()).contains("Employer login");
    }

    @Test
    void anotherHostNameIsRedirectedToTheOneOriginTokensAreSignedFor() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/page?lang=es")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(308);
        assertThat(r.headers().firstValue("Location")).contains(server.origin() + "/page?lang=es");
    }

    @Test
    void unknownPathsAndMethodsAndStaticNamesAreRefused() throws Exception {
        assertThat(get("/nowhere", "en").statusCode()).isEqualTo(404);
        assertThat(get("/static/../messages.properties", "en").statusCode()).isEqualTo(404);
        assertThat(get("/static/portal.css", "en").statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(server.origin() + "/page"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(405);
        HttpResponse<String> answerPage = get("/form?lang=es", "en");
        assertThat(answerPage.statusCode()).isEqualTo(303);
        assertThat(answerPage.headers().firstValue("Location")).contains("/?lang=es");
    }

    private HttpResponse<String> get(String path, String lang) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.origin() + path)).header("Accept-Language", lang).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.origin() + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
