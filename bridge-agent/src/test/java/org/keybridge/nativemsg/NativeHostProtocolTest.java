package org.keybridge.nativemsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.ConfigException;
import org.keybridge.core.AgentCore;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.PinDialog;
import org.keybridge.core.TokenWatcher;
import org.keybridge.core.UserInteraction;
import org.keybridge.demo.DemoKeys;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/**
 * The host's protocol in-process, over real pipes and the real framing, against the SoftHSM demo keys behind the fault
 * module that counts every PKCS#11 call: refused requests are checked to have never touched the token.
 */
class NativeHostProtocolTest {
    static final String ORIGIN = "https://si.example.gov.cn";
    static final String NONCE = Base64.getEncoder().encodeToString(new byte[33]).replace('A', 'q');
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path work;
    static DemoKeys.DemoKeySet keys;
    static Path control, counts;
    static TokenDriver driver;
    static AgentCore core;
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static volatile CountDownLatch asked = new CountDownLatch(1);

    @BeforeAll
    static void open() {
        keys = TestKeys.fresh("nativemsg");
        control = work.resolve("faults");
        counts = work.resolve("calls");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, counts)), DriverOptions.defaults());
        core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), new UserInteraction() {
            @Override
            public Optional<String> chooseCertificate(CertificateChoice choice) {
                return Optional.of(choice.certificates().get(0).id());
            }

            @Override
            public char[] askPin(PinDialog dialog) {
                asked.countDown();
                try {
                    if (!gate.await(20, TimeUnit.SECONDS)) return null;
                } catch (InterruptedException e) {
                    return null;
                }
                return keys.token(dialog.tokenLabel()).userPin().toCharArray();
            }
        }, "0.1.0");
    }

    @AfterAll
    static void close() { driver.close(); }

    @BeforeEach
    void reset() throws IOException {
        gate = new CountDownLatch(0);
        asked = new CountDownLatch(1);
        Files.deleteIfExists(counts);
        Files.deleteIfExists(control);
    }

    /** The shared driver, with a fast token watcher; closing the port closes only the watcher. */
    static HostBackend backend() {
        return new HostBackend() {
            TokenWatcher watcher;

            @Override
            public AgentCore core() { return core; }

            @Override
            public synchronized void watchTokens() {
                if (watcher == null) watcher = new TokenWatcher(driver, core.events(), Duration.ofMillis(200));
            }

            @Override
            public synchronized void close() { if (watcher != null) watcher.close(); }
        };
    }

    /** One browser port: the host running in a thread on a pipe, its frames parsed as they come. */
    static final class Port implements AutoCloseable {
        final Pipe stdin;
        final OutputStream toHost;
        final BlockingQueue<JsonNode> fromHost = new LinkedBlockingQueue<>();
        final Thread thread;
        volatile int exit = -1;

        Port(Supplier<HostBackend> opener) throws IOException {
            stdin = Pipe.open();
            toHost = Channels.newOutputStream(stdin.sink());
            OutputStream sink = new OutputStream() {
                final ByteArrayOutputStream buf = new ByteArrayOutputStream();

                @Override
                public void write(int b) { buf.write(b); }

                @Override
                public void write(byte[] b, int off, int len) { buf.write(b, off, len); }

                @Override
                public void flush() throws IOException {
                    // FrameWriter writes one whole frame, then flushes
                    byte[] all = buf.toByteArray();
                    buf.reset();
                    int len = ByteBuffer.wrap(all, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    assertThat(len).as("length prefix").isEqualTo(all.length - 4);
                    fromHost.add(JSON.readTree(new ByteArrayInputStream(all, 4, len)));
                }
            };
            NativeHost host = new NativeHost(Channels.newInputStream(stdin.source()), new FrameWriter(sink), "0.1.0", opener);
            thread = new Thread(() -> exit = host.run(), "test-native-host");
            thread.start();
        }

        Port() throws IOException { this(NativeHostProtocolTest::backend); }

        void sendRaw(byte[] body) throws IOException { sendFrame(body.length, body); }

        void sendFrame(int length, byte[] body) throws IOException {
            toHost.write(ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(length).put(body).array());
            toHost.flush();
        }

        void send(String json) throws IOException { sendRaw(json.getBytes(StandardCharsets.UTF_8)); }

        void send(Map<String, ?> message) throws IOException { sendRaw(JSON.writeValueAsBytes(message)); }

        JsonNode next() throws InterruptedException {
            JsonNode n = fromHost.poll(20, TimeUnit.SECONDS);
            if (n == null) fail("no message from the host within 20 s");
            return n;
        }

        void nothingFor(Duration d) throws InterruptedException {
            JsonNode n = fromHost.poll(d.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(n).as("no message expected yet").isNull();
        }

        /** Closes stdin; the host's exit status. */
        int end() throws Exception {
            toHost.close();
            thread.join(5000);
            assertThat(thread.isAlive()).as("the host ends when stdin closes").isFalse();
            return exit;
        }

        @Override
        public void close() throws Exception {
            if (thread.isAlive()) end();
        }
    }

    static Map<String, Object> authenticate(Object id, String origin, Map<String, Object> arguments) {
        return Map.of("id", id, "command", "authenticate", "origin", origin, "arguments", arguments);
    }

    @Test
    void helloFirstThenAnswersWithTheIdEchoed() throws Exception {
        try (Port p = new Port()) {
            assertThat(p.next()).isEqualTo(JSON.readTree("{\"version\":\"0.1.0\"}"));
            p.send(Map.of("id", 7, "command", "status", "origin", ORIGIN));
            JsonNode a = p.next();
            assertThat(a.get("id").asInt()).isEqualTo(7);
            assertThat(a.at("/result/protocol").asInt()).isEqualTo(1);
            assertThat(a.at("/result/tokens")).hasSize(2);
            p.send(Map.of("id", "x-1", "command", "certificates", "origin", ORIGIN, "arguments", Map.of("lang", "zh-CN")));
            JsonNode c = p.next();
            assertThat(c.get("id").asText()).isEqualTo("x-1");
            assertThat(c.at("/result/certificates")).hasSize(2);
            p.send(Map.of("command", "status", "origin", ORIGIN));
            assertThat(p.next().has("id")).isFalse();
            assertThat(p.end()).isZero();
        }
    }

    @Test
    void authenticateSignsTheTransportOriginWithTheTaxKey() throws Exception {
        try (Port p = new Port()) {
            p.next();
            p.send(authenticate(1, ORIGIN, Map.of("challengeNonce", NONCE)));
            JsonNode t = p.next().get("result");
            assertThat(t.get("format").asText()).isEqualTo("web-eid:1.0");
            assertThat(t.get("algorithm").asText()).isEqualTo("ES256");
            X509Certificate cert = certificate(t.get("unverifiedCertificate").asText());
            assertThat(cert).isEqualTo(keys.token(DemoKeys.TAX_LABEL).certificate());
            assertThat(verifies(cert, t, ORIGIN)).isTrue();
            assertThat(verifies(cert, t, "https://evil.example")).isFalse();
            assertThat(TestKeys.calls(counts, "C_Login")).isEqualTo(1);
        }
    }

    @Test
    void expiredCertificateAnswersCertificateExpiredWithItsDetailsAndNoLogin() throws Exception {
        String ss = keys.token(DemoKeys.SOCIAL_SECURITY_LABEL).certificateId();
        try (Port p = new Port()) {
            p.next();
            p.send(authenticate("e", ORIGIN, Map.of("challengeNonce", NONCE, "certificateId", ss, "lang", "es")));
            JsonNode a = p.next();
            assertThat(a.get("id").asText()).isEqualTo("e");
            assertThat(a.at("/error/code").asText()).isEqualTo("CERTIFICATE_EXPIRED");
            assertThat(a.at("/error/message").asText()).isNotBlank();
            assertThat(a.at("/error/certificate/id").asText()).isEqualTo(ss);
            assertThat(a.at("/error/certificate/status").asText()).isEqualTo("EXPIRED");
            assertThat(a.at("/error/certificate/tokenLabel").asText()).isEqualTo("社保CA");
        }
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void malformedRequestsAreBadRequestsAndNeverTouchTheToken() throws Exception {
        String args = "\"arguments\":{\"challengeNonce\":\"" + NONCE + "\"}";
        List<String> bad = List.of(
                "not json",
                "[]",
                "\"status\"",
                "{}",
                "{\"id\":1,\"command\":\"sign\",\"origin\":\"" + ORIGIN + "\"}",
                "{\"id\":2,\"command\":\"status\",\"origin\":\"" + ORIGIN + "\",\"extra\":true}",
                "{\"id\":3,\"command\":\"authenticate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"challengeNonce\":\"" + NONCE
                        + "\",\"origin\":\"" + ORIGIN + "\"}}",
                "{\"id\":4,\"command\":\"authenticate\",\"origin\":\"https://evil.example\",\"origin\":\"" + ORIGIN + "\"," + args + "}",
                "{\"id\":5,\"command\":\"authenticate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"challengeNonce\":12345}}",
                "{\"id\":6,\"command\":\"authenticate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":[\"" + NONCE + "\"]}",
                "{\"id\":7,\"command\":\"authenticate\",\"origin\":[\"" + ORIGIN + "\"]," + args + "}",
                "{\"id\":8,\"command\":\"status\",\"origin\":\"" + ORIGIN + "\"} {\"command\":\"status\"}",
                "{\"id\":9,\"command\":\"authenticate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"challengeNonce\":\"short\"}}",
                "{\"id\":10,\"command\":\"status\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"lang\":\"en\"}}",
                "{\"id\":{\"a\":1},\"command\":\"status\",\"origin\":\"" + ORIGIN + "\"}",
                "{\"id\":11,\"command\":\"bind-certificate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"challengeNonce\":\""
                        + NONCE + "\",\"certificateId\":\"x\"}}",
                "");
        try (Port p = new Port()) {
            p.next();
            for (String b : bad) {
                p.send(b);
                JsonNode a = p.next();
                assertThat(a.at("/error/code").asText()).as("%s -> %s", b, a).isEqualTo("BAD_REQUEST");
                assertThat(a.at("/error/message").asText()).isNotBlank();
                assertThat(a.at("/error/detail").asText()).isNotBlank();
                // the id is echoed when the request parses (a duplicate key or trailing data do not parse)
                boolean parses = b.startsWith("{\"id\":") && !b.startsWith("{\"id\":{") && !b.startsWith("{\"id\":4,")
                        && !b.startsWith("{\"id\":8,");
                assertThat(a.has("id")).as("id echoed for %s", b).isEqualTo(parses);
            }
            p.sendRaw(new byte[] {'{', (byte) 0xC3, '}'}); // not UTF-8
            assertThat(p.next().at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            p.send("{\"id\":3,\"command\":\"authenticate\",\"origin\":\"" + ORIGIN + "\",\"arguments\":{\"challengeNonce\":\"" + NONCE
                    + "\",\"origin\":\"" + ORIGIN + "\"}}");
            assertThat(p.next().at("/error/detail").asText()).isEqualTo("unknown field 'arguments.origin'");
            // the port still works after all that
            p.send(Map.of("id", 99, "command", "status", "origin", ORIGIN));
            assertThat(p.next().get("result")).isNotNull();
        }
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
        assertThat(TestKeys.calls(counts, "C_SignInit")).isZero();
    }

    @Test
    void originsOffTheListAreRefusedBeforeTheTokenIsOpened() throws Exception {
        try (Port p = new Port()) {
            p.next();
            List<Map<String, Object>> requests = new ArrayList<>();
            for (String o : List.of("https://evil.example", "null", "https://si.example.gov.cn/", "http://si.example.gov.cn",
                    "chrome-extension://bfcgcbfdlankpgihackicpapjokfbfmc")) {
                requests.add(authenticate(o, o, Map.of("challengeNonce", NONCE)));
                requests.add(Map.of("command", "status", "origin", o));
                requests.add(Map.of("command", "events", "origin", o));
            }
            requests.add(Map.of("command", "authenticate", "arguments", Map.of("challengeNonce", NONCE)));
            for (Map<String, Object> r : requests) {
                p.send(r);
                assertThat(p.next().at("/error/code").asText()).as("%s", r).isEqualTo("ORIGIN_NOT_ALLOWED");
            }
        }
        assertThat(TestKeys.calls(counts, "C_OpenSession")).isZero();
        assertThat(TestKeys.calls(counts, "C_Login")).isZero();
    }

    @Test
    void aRequestWaitingForThePinHoldsTheNextOnesInOrder() throws Exception {
        gate = new CountDownLatch(1);
        try (Port p = new Port()) {
            p.next();
            p.send(authenticate(1, ORIGIN, Map.of("challengeNonce", NONCE)));
            p.send(Map.of("id", 2, "command", "status", "origin", ORIGIN));
            p.send(Map.of("id", 3, "command", "certificates", "origin", ORIGIN));
            p.send(Map.of("id", 4, "command", "status", "origin", "https://evil.example"));
            assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
            p.nothingFor(Duration.ofMillis(400));
            gate.countDown();
            assertThat(p.next().get("id").asInt()).isEqualTo(1);
            assertThat(p.next().get("id").asInt()).isEqualTo(2);
            assertThat(p.next().get("id").asInt()).isEqualTo(3);
            JsonNode four = p.next();
            assertThat(four.get("id").asInt()).isEqualTo(4);
            assertThat(four.at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
        }
    }

    @Test
    void beyondTheQueueRequestsAreBusyAtOnce() throws Exception {
        gate = new CountDownLatch(1);
        try (Port p = new Port()) {
            p.next();
            p.send(authenticate(0, ORIGIN, Map.of("challengeNonce", NONCE)));
            assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= NativeHost.QUEUE; i++) p.send(Map.of("id", i, "command", "status", "origin", ORIGIN));
            p.send(Map.of("id", "over", "command", "status", "origin", ORIGIN));
            JsonNode busy = p.next();
            assertThat(busy.get("id").asText()).isEqualTo("over");
            assertThat(busy.at("/error/code").asText()).isEqualTo("BUSY");
            gate.countDown();
            for (int i = 0; i <= NativeHost.QUEUE; i++) assertThat(p.next().get("id").asInt()).isEqualTo(i);
        }
    }

    @Test
    void eventsArePushedWhileThePortIsOpen() throws Exception {
        try (Port p = new Port()) {
            p.next();
            p.send(Map.of("id", "ev", "command", "events", "origin", ORIGIN));
            JsonNode sub = p.next();
            assertThat(sub.get("id").asText()).isEqualTo("ev");
            assertThat(sub.at("/result/events")).extracting(JsonNode::asText)
                    .containsExactly("token-inserted", "token-removed", "certificate-expiring", "card-inserted", "card-removed");
            assertThat(core.events().listenerCount()).isEqualTo(1);

            Files.writeString(control, "REMOVED=1\n"); // both keys pulled out
            List<JsonNode> removed = List.of(p.next(), p.next());
            assertThat(removed).allSatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("token-removed"));
            assertThat(removed).extracting(e -> e.get("tokenLabel").asText()).containsExactlyInAnyOrder("社保CA", "地税CA");
            assertThat(removed).allSatisfy(e -> assertThat(e.get("serialNumber").asText()).isNotBlank());

            Files.delete(control); // and back
            List<JsonNode> inserted = List.of(p.next(), p.next());
            assertThat(inserted).allSatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("token-inserted"));
            assertThat(p.end()).isZero();
        }
        assertThat(core.events().listenerCount()).as("closing the port unsubscribes").isZero();
    }

    @Test
    void overSizeFrameIsRefusedAndEndsTheHost() throws Exception {
        try (Port p = new Port()) {
            p.next();
            p.sendFrame(NativeMessaging.MAX_INBOUND + 1, new byte[0]);
            JsonNode a = p.next();
            assertThat(a.at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(a.at("/error/detail").asText()).contains("8193").contains("8192");
            p.thread.join(5000);
            assertThat(p.exit).isEqualTo(1);
        }
    }

    @Test
    void inputEndingInsideAFrameEndsTheHostWithStatus1() throws Exception {
        try (Port p = new Port()) {
            p.next();
            p.sendFrame(100, "{\"command\":".getBytes(StandardCharsets.UTF_8));
            assertThat(p.end()).isEqualTo(1);
        }
    }

    @Test
    void helloGoesOutBeforeTheModulesOpenAndAConfigurationErrorIsAnsweredPerRequest() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        try (Port p = new Port(() -> {
            try {
                opening.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ConfigException("config.json: Unrecognized field \"modulez\"");
        })) {
            assertThat(p.next().get("version").asText()).isEqualTo("0.1.0");
            p.send(Map.of("id", 1, "command", "status", "origin", ORIGIN));
            p.nothingFor(Duration.ofMillis(200)); // waits for the modules
            opening.countDown();
            JsonNode a = p.next();
            assertThat(a.at("/error/code").asText()).isEqualTo("CONFIG_INVALID");
            assertThat(a.at("/error/detail").asText()).contains("modulez");
            assertThat(p.end()).isZero();
        }
    }

    static X509Certificate certificate(String b64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    }

    static boolean verifies(X509Certificate cert, JsonNode token, String origin) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(cert.getPublicKey());
        v.update(AuthTokenFormat.signedData(SignatureAlgorithm.ES256, origin, NONCE));
        return v.verify(Base64.getDecoder().decode(token.get("signature").asText()));
    }
}
