package org.keybridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.core.AgentCore;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.PinDialog;
import org.keybridge.core.UserInteraction;
import org.keybridge.demo.DemoKeys;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/**
 * The bridge over real HTTP on loopback, against AgentCore on the SoftHSM demo keys behind the fault module, whose
 * call log proves that refused requests never reached the token.
 */
class BridgeServerTest {
    static final String ORIGIN = "https://si.example.gov.cn";
    static final String NONCE = Base64.getEncoder().encodeToString("a 32-byte challenge from portal!".getBytes(StandardCharsets.US_ASCII));
    @TempDir static Path work;
    static DemoKeys.DemoKeySet keys;
    static Path control, counts;
    static TokenDriver driver;
    static GatedPins pins;
    static AgentCore core;
    static BridgeServer server;
    static Http http;

    /** PINs from the demo keys; with a gate set, the first askPin waits on it (a user slow to type). */
    static final class GatedPins implements UserInteraction {
        volatile CountDownLatch gate, asking;

        @Override
        public Optional<String> chooseCertificate(CertificateChoice choice) {
            return Optional.of(choice.certificates().get(0).id());
        }

        @Override
        public char[] askPin(PinDialog dialog) {
            CountDownLatch g = gate;
            if (g != null) {
                gate = null;
                asking.countDown();
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return keys.token(dialog.tokenLabel()).userPin().toCharArray();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        keys = TestKeys.fresh("http");
        control = work.resolve("faults");
        counts = work.resolve("calls");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)),
                DriverOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
        pins = new GatedPins();
        core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), pins, "0.1.0");
        server = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(0).withRateLimit(1000, 1000));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        driver.close();
    }

    @BeforeEach
    void reset() throws Exception {
        Files.deleteIfExists(counts);
        Files.deleteIfExists(control);
    }

    /** The fault module saw no call at all: no slot list, no session, no login. */
    static void assertTokenUntouched() throws Exception {
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
        assertThat(TestKeys.calls(counts, "C_OpenSession")).isZero();
        assertThat(Files.exists(counts) ? Files.readAllLines(counts) : List.<String>of()).as("PKCS#11 calls").isEmpty();
    }

    static void assertRefused(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(Http.json(r).at("/error/code").asText()).isEqualTo(code);
        assertThat(Http.json(r).at("/error/message").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertTokenUntouched();
    }

    static String authBody(String nonce) { return "{\"challengeNonce\":\"" + nonce + "\"}"; }

    // --- what works

    @Test
    void authenticateAnswersATokenThatVerifiesOverOriginAndNonceWithTheTaxCertificate() throws Exception {
        HttpResponse<String> r = http.post("/v1/authenticate", ORIGIN, "{\"challengeNonce\":\"" + NONCE + "\",\"lang\":\"zh-CN\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = Http.json(r);
        assertThat(t.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("unverifiedCertificate", "algorithm", "signature", "format", "appVersion");
        assertThat(t.get("format").asText()).isEqualTo("web-eid:1.0");
        assertThat(t.get("algorithm").asText()).isEqualTo("ES256");
        X509Certificate cert = certificate(t.get("unverifiedCertificate").asText());
        assertThat(cert).isEqualTo(keys.token(DemoKeys.TAX_LABEL).certificate());
        byte[] sig = Base64.getDecoder().decode(t.get("signature").asText());
        byte[] signed = AuthTokenFormat.signedData(SignatureAlgorithm.ES256, ORIGIN, NONCE);
        assertThat(verify(Signature.getInstance("SHA256withPLAIN-ECDSA", new BouncyCastleProvider()), cert, signed, sig)).isTrue();
        assertThat(verify(Signature.getInstance("SHA256withECDSAinP1363Format"), cert, signed, sig)).isTrue();
        byte[] otherOrigin = AuthTokenFormat.signedData(SignatureAlgorithm.ES256, "https://evil.example", NONCE);
        assertThat(verify(Signature.getInstance("SHA256withPLAIN-ECDSA", new BouncyCastleProvider()), cert, otherOrigin, sig)).isFalse();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(r.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
    }

    @Test
    void theExpiredSocialSecurityCertificateIsRefusedWithItsDetailsAndNoLogin() throws Exception {
        String ss = keys.token(DemoKeys.SOCIAL_SECURITY_LABEL).certificateId();
        HttpResponse<String> r = http.post("/v1/authenticate", ORIGIN,
                "{\"challengeNonce\":\"" + NONCE + "\",\"certificateId\":\"" + ss + "\",\"lang\":\"en\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        JsonNode e = Http.json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo("CERTIFICATE_EXPIRED");
        assertThat(e.at("/certificate/id").asText()).isEqualTo(ss);
        assertThat(e.at("/certificate/status").asText()).isEqualTo("EXPIRED");
        assertThat(e.at("/certificate/notAfter").asText()).isNotBlank();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void bindCertificateAnswersATokenForTheTaxCertificate() throws Exception {
        HttpResponse<String> r = http.post("/v1/bind-certificate", ORIGIN, "{\"challengeNonce\":\"" + NONCE + "\",\"lang\":\"es\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode t = Http.json(r);
        X509Certificate cert = certificate(t.get("unverifiedCertificate").asText());
        assertThat(cert).isEqualTo(keys.token(DemoKeys.TAX_LABEL).certificate());
        assertThat(verify(Signature.getInstance("SHA256withPLAIN-ECDSA", new BouncyCastleProvider()), cert,
                AuthTokenFormat.signedData(SignatureAlgorithm.ES256, ORIGIN, NONCE),
                Base64.getDecoder().decode(t.get("signature").asText()))).isTrue();
    }

    @Test
    void statusAndCertificatesAnswerTheirObjects() throws Exception {
        HttpResponse<String> s = http.post("/v1/status", ORIGIN, "{}");
        assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
        assertThat(Http.json(s).get("protocol").asInt()).isEqualTo(1);
        assertThat(Http.json(s).get("tokens")).hasSize(2);
        HttpResponse<String> c = http.post("/v1/certificates", ORIGIN, "{\"lang\":\"zh-CN\"}");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(200);
        assertThat(Http.json(c).get("certificates").findValuesAsText("status")).containsExactlyInAnyOrder("EXPIRED", "VALID");
        assertThat(Http.json(c).get("certificates").findValuesAsText("uscc")).allSatisfy(u -> assertThat(u).hasSize(18));
        assertThat(Http.json(c).toString()).doesNotContain("PRIVATE").doesNotContain("pin\"");
    }

    @Test
    void preflightFromTheAllowedOriginGetsExactCorsHeaders() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-keybridge").build());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(r.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, GET");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type, x-keybridge");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertTokenUntouched();
    }

    @Test
    void localhostIsAcceptedAsHostToo() throws Exception {
        Http.Raw r = http.raw("OPTIONS /v1/status HTTP/1.1\r\nHost: localhost:" + http.port + "\r\nOrigin: " + ORIGIN, "");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.headers()).containsEntry("access-control-allow-origin", ORIGIN);
    }

    // --- refused, each without touching the token

    @Test
    void foreignOriginIsRefused() throws Exception {
        HttpResponse<String> r = http.post("/v1/authenticate", "https://evil.example", authBody(NONCE));
        assertRefused(r, 403, "ORIGIN_NOT_ALLOWED");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void nullOriginIsRefused() throws Exception {
        HttpResponse<String> r = http.post("/v1/authenticate", "null", authBody(NONCE));
        assertRefused(r, 403, "ORIGIN_NOT_ALLOWED");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void missingOriginIsRefused() throws Exception {
        assertRefused(http.post("/v1/authenticate", null, authBody(NONCE)), 403, "ORIGIN_NOT_ALLOWED");
        assertRefused(http.post("/v1/status", null, "{}"), 403, "ORIGIN_NOT_ALLOWED");
    }

    @Test
    void originWithAPathOrTrailingSlashOrOtherSchemeIsRefused() throws Exception {
        for (String o : new String[] {ORIGIN + "/", ORIGIN + "/login", "http://si.example.gov.cn", ORIGIN + ":443",
            "https://SI.example.gov.cn", "https://si.example.gov.cn.evil.example", "*"}) {
            HttpResponse<String> r = http.post("/v1/authenticate", o, authBody(NONCE));
            assertRefused(r, 403, "ORIGIN_NOT_ALLOWED");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(o).isEmpty();
        }
    }

    @Test
    void twoOriginHeadersAreRefused() throws Exception {
        Http.Raw r = http.raw("POST /v1/status HTTP/1.1\r\nHost: 127.0.0.1:" + http.port + "\r\nOrigin: " + ORIGIN
                + "\r\nOrigin: https://evil.example\r\nContent-Type: application/json\r\nX-KeyBridge: 1", "{}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
        assertTokenUntouched();
    }

    @Test
    void foreignHostIsRefusedEvenFromAnAllowedOrigin() throws Exception {
        for (String host : new String[] {"evil.example:" + http.port, "evil.example", "127.0.0.1", "127.0.0.1:1",
            "localhost.evil.example:" + http.port, "[::1]:" + http.port}) {
            Http.Raw r = http.raw("POST /v1/authenticate HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + ORIGIN
                    + "\r\nContent-Type: application/json\r\nX-KeyBridge: 1", authBody(NONCE));
            assertThat(r.status()).as(host).isEqualTo(403);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(r.headers()).doesNotContainKey("access-control-allow-origin");
        }
        assertTokenUntouched();
    }

    @Test
    void formEncodedPostWithoutTheCustomHeaderIsRefused() throws Exception {
        // what a page can send cross-origin without a preflight: <form method=post> or fetch(no-cors)
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("challengeNonce=" + NONCE)).build());
        assertRefused(r, 415, "BAD_REQUEST");
    }

    @Test
    void textPlainPostIsRefused() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(authBody(NONCE))).build());
        assertRefused(r, 415, "BAD_REQUEST");
        r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN).header("X-KeyBridge", "1")
                .header("Content-Type", "application/json; charset=iso-8859-1").POST(HttpRequest.BodyPublishers.ofString(authBody(NONCE))).build());
        assertRefused(r, 415, "BAD_REQUEST");
    }

    @Test
    void jsonWithoutTheCustomHeaderIsRefused() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(authBody(NONCE))).build());
        assertRefused(r, 400, "BAD_REQUEST");
    }

    @Test
    void charsetUtf8IsAccepted() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/status")).header("Origin", ORIGIN)
                .header("X-KeyBridge", "1").header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void getPutDeleteOnOperationsAreRefused() throws Exception {
        for (String m : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN)
                    .header("Content-Type", "application/json").header("X-KeyBridge", "1")
                    .method(m, m.equals("GET") || m.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(authBody(NONCE))).build());
            assertRefused(r, 405, "BAD_REQUEST");
            assertThat(r.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        }
        HttpResponse<String> r = http.post("/v1/events", ORIGIN, "{}");
        assertRefused(r, 405, "BAD_REQUEST");
    }

    @Test
    void unknownPathIsRefused() throws Exception {
        assertRefused(http.post("/v1/sign", ORIGIN, "{}"), 404, "BAD_REQUEST");
        assertRefused(http.post("/v1/authenticate/x", ORIGIN, authBody(NONCE)), 404, "BAD_REQUEST");
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        String big = "{\"challengeNonce\":\"" + NONCE + "\",\"lang\":\"" + "x".repeat(JsonBodies.MAX_BYTES) + "\"}";
        assertRefused(http.post("/v1/authenticate", ORIGIN, big), 413, "BAD_REQUEST");
        // chunked: no Content-Length to judge by, the server stops reading after the limit
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate")).header("Origin", ORIGIN)
                .header("Content-Type", "application/json").header("X-KeyBridge", "1")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        assertRefused(r, 413, "BAD_REQUEST");
        // exactly at the limit is read and served
        String atLimit = authBody(NONCE);
        atLimit = atLimit.substring(0, atLimit.length() - 1) + " ".repeat(JsonBodies.MAX_BYTES - atLimit.length()) + "}";
        assertThat(atLimit).hasSize(JsonBodies.MAX_BYTES);
        HttpResponse<String> ok = http.post("/v1/authenticate", ORIGIN, atLimit);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        for (String body : new String[] {"{", "", "null", "[]", "\"x\"", "{\"challengeNonce\":}", "{} {}", "{'challengeNonce':1}"}) {
            HttpResponse<String> r = http.post("/v1/authenticate", ORIGIN, body);
            assertRefused(r, 400, "BAD_REQUEST");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        }
    }

    @Test
    void unknownDuplicateOrMistypedFieldsAreRefused() throws Exception {
        HttpResponse<String> r = http.post("/v1/authenticate", ORIGIN, "{\"challengeNonce\":\"" + NONCE + "\",\"origin\":\"https://evil.example\"}");
        assertRefused(r, 400, "BAD_REQUEST");
        assertThat(Http.json(r).at("/error/detail").asText()).contains("origin");
        assertRefused(http.post("/v1/status", ORIGIN, "{\"verbose\":true}"), 400, "BAD_REQUEST");
        assertRefused(http.post("/v1/bind-certificate", ORIGIN, "{\"challengeNonce\":\"" + NONCE + "\",\"certificateId\":\"x\"}"),
                400, "BAD_REQUEST");
        assertRefused(http.post("/v1/authenticate", ORIGIN, "{\"challengeNonce\":\"" + NONCE + "\",\"challengeNonce\":\"" + NONCE + "\"}"),
                400, "BAD_REQUEST");
        assertRefused(http.post("/v1/authenticate", ORIGIN, "{\"challengeNonce\":12345678901234567890123456789012345678901234567890}"),
                400, "BAD_REQUEST");
        assertRefused(http.post("/v1/certificates", ORIGIN, "{\"lang\":true}"), 400, "BAD_REQUEST");
    }

    @Test
    void nonceTooShortOrTooLongIsRefused() throws Exception {
        for (String n : new String[] {NONCE.substring(0, 43), "A".repeat(129), "A".repeat(43) + "*"}) {
            HttpResponse<String> r = http.post("/v1/authenticate", ORIGIN, authBody(n));
            assertRefused(r, 400, "BAD_REQUEST");
            assertThat(Http.json(r).at("/error/detail").asText()).contains("challengeNonce");
        }
        assertRefused(http.post("/v1/authenticate", ORIGIN, "{}"), 400, "BAD_REQUEST");
    }

    @Test
    void preflightFromAForeignOriginGetsNoCorsHeaders() throws Exception {
        for (String o : new String[] {"https://evil.example", "null", ORIGIN + "/"}) {
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(http.uri("/v1/authenticate"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", o)
                    .header("Access-Control-Request-Method", "POST").build());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        }
        assertTokenUntouched();
    }

    @Test
    void twoConcurrentAuthenticationsOnOneTokenTheSecondIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1), asking = new CountDownLatch(1);
        pins.asking = asking;
        pins.gate = release;
        try {
            CompletableFuture<HttpResponse<String>> first = Http.CLIENT.sendAsync(HttpRequest.newBuilder(http.uri("/v1/authenticate"))
                    .header("Origin", ORIGIN).header("Content-Type", "application/json").header("X-KeyBridge", "1")
                    .POST(HttpRequest.BodyPublishers.ofString(authBody(NONCE))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asking.await(20, TimeUnit.SECONDS)).as("first request reached the PIN prompt").isTrue();
            HttpResponse<String> second = http.post("/v1/authenticate", ORIGIN, authBody(NONCE));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(Http.json(second).at("/error/code").asText()).isEqualTo("BUSY");
            assertThat(TestKeys.calls(counts, "C_Login")).as("nobody logged in while the first waits for its PIN").isZero();
            release.countDown();
            HttpResponse<String> r = first.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
        } finally {
            release.countDown();
            pins.gate = null;
        }
    }

    @Test
    void rateLimitPerOriginAnswers429() throws Exception {
        try (BridgeServer limited = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(0).withRateLimit(2, 3))) {
            Http h = new Http(limited.port());
            for (int i = 0; i < 3; i++) assertRefused(h.post("/v1/status", ORIGIN, "{"), 400, "BAD_REQUEST");
            HttpResponse<String> r = h.post("/v1/status", ORIGIN, "{}");
            assertRefused(r, 429, "BUSY");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
            Thread.sleep(600); // one request's worth refilled at 2/s
            assertThat(h.post("/v1/status", ORIGIN, "{}").statusCode()).isEqualTo(200);
        }
    }

    // --- connections

    /** One request written on a kept-alive socket and its answer read by Content-Length: "status\nconnection-header\nbody". */
    static String keptAlive(Socket s, String method, String path, String origin, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + s.getPort() + "\r\nOrigin: " + origin
                + "\r\nContent-Type: application/json\r\nX-KeyBridge: 1\r\nContent-Length: " + b.length + "\r\n\r\n";
        s.getOutputStream().write((head + body).getBytes(StandardCharsets.UTF_8));
        var in = s.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException("closed after " + headers);
            headers.append((char) c);
        }
        String[] lines = headers.toString().split("\r\n");
        int length = 0;
        String connection = "";
        for (String l : lines) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Integer.parseInt(l.substring(15).trim());
            if (lower.startsWith("connection:")) connection = l.substring(11).trim();
        }
        return lines[0].split(" ")[1] + "\n" + connection + "\n" + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void oneKeptAliveConnectionCarriesRequestAfterRequest() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(20_000);
            for (int i = 0; i < 3; i++) {
                String[] a = keptAlive(s, "POST", "/v1/status", ORIGIN, "{}").split("\n", 3);
                assertThat(a[0]).as(a[2]).isEqualTo("200");
                assertThat(a[1]).isNotEqualToIgnoringCase("close");
                assertThat(a[2]).contains("\"protocol\":1");
            }
        }
    }

    @Test
    void aRequestRefusedBeforeItsBodyIsReadClosesTheConnection() throws Exception {
        // the unread body holds a second request: it must be neither read as one nor drained at the client's pace
        String smuggled = "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nOrigin: " + ORIGIN + "\r\n\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(20_000);
            String[] a = keptAlive(s, "POST", "/v1/authenticate", "https://evil.example", smuggled).split("\n", 3);
            assertThat(a[0]).isEqualTo("403");
            assertThat(a[1]).isEqualToIgnoringCase("close");
            assertThat(a[2]).contains("ORIGIN_NOT_ALLOWED");
            assertThat(s.getInputStream().read()).as("nothing after the refusal: the connection is closed").isEqualTo(-1);
        }
        assertTokenUntouched();
    }

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        try (BridgeServer capped = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(0)
                .withRateLimit(1000, 1000).withMaxConnections(2));
             Socket a = new Socket(InetAddress.getLoopbackAddress(), capped.port());
             Socket b = new Socket(InetAddress.getLoopbackAddress(), capped.port());
             Socket c = new Socket(InetAddress.getLoopbackAddress(), capped.port())) {
            for (Socket s : List.of(a, b)) {
                s.setSoTimeout(20_000);
                assertThat(keptAlive(s, "POST", "/v1/status", ORIGIN, "{}")).startsWith("200\n");
            }
            c.setSoTimeout(700);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> keptAlive(c, "POST", "/v1/status", ORIGIN, "{}"))
                    .as("a third connection waits while two are open").isInstanceOf(java.net.SocketTimeoutException.class);
            a.close();
            c.setSoTimeout(20_000);
            var in = c.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).as("answered once a slot is free").isEqualTo("HTTP/1.1 200");
        }
    }

    @Test
    void aClientTricklingItsRequestIsCutOffAtTheDeadlineAndItsSlotFreed() throws Exception {
        try (BridgeServer capped = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(0)
                .withRateLimit(1000, 1000).withMaxConnections(1).withRequestDeadline(Duration.ofMillis(1500)));
             Socket slow = new Socket(InetAddress.getLoopbackAddress(), capped.port())) {
            slow.setSoTimeout(20_000);
            long t0 = System.nanoTime();
            slow.getOutputStream().write(("POST /v1/status HTTP/1.1\r\nHost: 127.0.0.1:" + capped.port() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // a header line every 400 ms: each read is quick, the request never ends
            boolean cut = false;
            for (int i = 0; i < 25 && !cut; i++) {
                Thread.sleep(400);
                try {
                    slow.getOutputStream().write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                    slow.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!cut) assertThat(slow.getInputStream().read()).as("the connection was closed").isEqualTo(-1);
            assertThat(ms).as("cut off near its 1.5 s deadline, not at the 30 s idle timeout").isLessThan(10_000);
            try (Socket next = new Socket(InetAddress.getLoopbackAddress(), capped.port())) {
                next.setSoTimeout(20_000);
                assertThat(keptAlive(next, "POST", "/v1/status", ORIGIN, "{}")).as("the only slot is free again").startsWith("200\n");
            }
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        InetSocketAddress a = server.address();
        assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();
        assertThat(a.getAddress().isAnyLocalAddress()).isFalse();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress addr : Collections.list(ni.getInetAddresses())) {
                if (addr.isLoopbackAddress() || !(addr instanceof Inet4Address)) continue;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(addr, server.port()), 2000);
                    throw new AssertionError("the bridge answered on " + addr);
                } catch (ConnectException expected) {
                    // refused: nothing listens there
                }
            }
        }
    }

    static X509Certificate certificate(String b64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    }

    static boolean verify(Signature v, X509Certificate cert, byte[] data, byte[] sig) throws Exception {
        v.initVerify(cert.getPublicKey());
        v.update(data);
        return v.verify(sig);
    }
}
