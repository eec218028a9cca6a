package org.keybridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.core.AgentCore;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.OriginPolicy;
import org.keybridge.core.PinDialog;
import org.keybridge.core.TokenWatcher;
import org.keybridge.core.UserInteraction;
import org.keybridge.demo.DemoKeys;
import org.keybridge.testkeys.TestKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.TokenDriver;

/** GET /v1/events: Server-Sent Events as keys go and come (REMOVED=1 in the fault module), heartbeats, clean-up. */
class BridgeEventsTest {
    static final String ORIGIN = "https://si.example.gov.cn";
    @TempDir static Path work;
    static Path control;
    static TokenDriver driver;
    static AgentCore core;
    static TokenWatcher watcher;
    static BridgeServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        DemoKeys.DemoKeySet keys = TestKeys.fresh("sse");
        control = work.resolve("faults");
        driver = TokenDriver.open(List.of(TestKeys.faulty(keys, control, work.resolve("calls"))), DriverOptions.defaults());
        core = new AgentCore(driver, new OriginPolicy(Set.of(ORIGIN), false), new UserInteraction() {
            @Override
            public Optional<String> chooseCertificate(CertificateChoice choice) { return Optional.empty(); }

            @Override
            public char[] askPin(PinDialog dialog) { return null; }
        }, "0.1.0");
        watcher = new TokenWatcher(driver, core.events(), Duration.ofMillis(200));
        server = BridgeServer.start(core, BridgeServer.Options.defaults().withPort(0).withHeartbeat(Duration.ofMillis(300))
                .withMaxEventStreams(2));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        watcher.close();
        driver.close();
        Files.deleteIfExists(control);
    }

    /** An open event stream; its lines arrive in {@link #lines}. */
    static final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Stream(String origin) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(http.uri("/v1/events")).header("Accept", "text/event-stream").GET();
            if (origin != null) b.header("Origin", origin);
            response = Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (Exception e) {
                    // closed by the test
                }
            }, "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        /** The next line starting with {@code prefix} within the timeout, skipping others. */
        String next(String prefix, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            for (String l; (l = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                if (l.startsWith(prefix)) return l;
            }
            throw new AssertionError("no line starting with '" + prefix + "' within " + timeout);
        }

        /** The data line following the next {@code event: name} line. */
        String event(String name, Duration timeout) throws InterruptedException {
            next("event: " + name, timeout);
            return next("data: ", Duration.ofSeconds(1));
        }

        @Override
        public void close() throws Exception { response.body().close(); }
    }

    @Test
    void keysGoingAndComingArriveAsEventsAndTheStreamIsDroppedWhenTheClientGoes() throws Exception {
        try (Stream s = new Stream(ORIGIN)) {
            assertThat(s.response.statusCode()).isEqualTo(200);
            assertThat(s.response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(s.response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
            assertThat(s.response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(s.next(": heartbeat", Duration.ofSeconds(5))).isEqualTo(": heartbeat");

            Files.writeString(control, "REMOVED=1\n");
            List<String> removed = new ArrayList<>();
            removed.add(s.event("token-removed", Duration.ofSeconds(10)));
            removed.add(s.event("token-removed", Duration.ofSeconds(10)));
            assertThat(String.join("\n", removed)).contains(DemoKeys.TAX_LABEL).contains(DemoKeys.SOCIAL_SECURITY_LABEL);

            Files.writeString(control, "REMOVED=0\n");
            String inserted = s.event("token-inserted", Duration.ofSeconds(10));
            assertThat(inserted).startsWith("data: {").contains("\"tokenLabel\"").contains("\"serialNumber\"");
            assertThat(server.openEventStreams()).isEqualTo(1);
        }
        // the client went away: the next heartbeat fails and the stream unsubscribes
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((server.openEventStreams() > 0 || core.events().listenerCount() > 0) && System.nanoTime() < end) Thread.sleep(50);
        assertThat(server.openEventStreams()).isZero();
        assertThat(core.events().listenerCount()).isZero();
    }

    @Test
    void eventsFromAForeignOrMissingOriginAreRefused() throws Exception {
        int before = core.events().listenerCount();
        for (String o : new String[] {"https://evil.example", "null", null}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(http.uri("/v1/events")).GET();
            if (o != null) b.header("Origin", o);
            HttpResponse<String> r = Http.send(b.build());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(Http.json(r).at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        assertThat(core.events().listenerCount()).isEqualTo(before);
    }

    @Test
    void eventStreamsAreBoundedInNumber() throws Exception {
        try (Stream a = new Stream(ORIGIN); Stream b = new Stream(ORIGIN)) {
            assertThat(a.response.statusCode()).isEqualTo(200);
            assertThat(b.response.statusCode()).isEqualTo(200);
            HttpResponse<String> c = Http.send(HttpRequest.newBuilder(http.uri("/v1/events")).header("Origin", ORIGIN).GET().build());
            assertThat(c.statusCode()).isEqualTo(429);
            assertThat(Http.json(c).at("/error/code").asText()).isEqualTo("BUSY");
        }
    }
}
