package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keybridge.cli.DemoDir.SOCIAL;
import static org.keybridge.cli.DemoDir.TAX;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.nativemsg.HostManifests;

/**
 * {@code bin/keybridge native-host} as the browser runs it: a real process on the demo keys, frames on stdin and stdout,
 * every byte of stdout parsed as a frame.
 */
class NativeHostIT {
    /** Allowed (in development mode) by the configuration demo-keys writes. */
    static final String ORIGIN = "http://localhost:18080";
    static final String NONCE = Base64.getEncoder().encodeToString("a login challenge nonce of 33 bytes".getBytes(StandardCharsets.UTF_8));
    static final String CALLER = "chrome-extension://" + HostManifests.KEYBRIDGE_EXTENSION_ID + "/";

    @TempDir static Path tmp;
    static DemoDir demo;

    @BeforeAll
    static void demoKeys() {
        demo = DemoDir.create(tmp.resolve("demo"));
    }

    /** As Chromium starts it: the caller's origin as the last argument. */
    static HostProcess start() throws Exception {
        return new HostProcess(List.of(Cli.LAUNCHER.toString(), "--config", demo.config.toString(), "native-host",
                "--pin-file", demo.pinsFile.toString(), CALLER));
    }

    static Map<String, Object> authenticate(Object id, String origin, Map<String, Object> arguments) {
        return Map.of("id", id, "command", "authenticate", "origin", origin, "arguments", arguments);
    }

    @Test
    void helloFirstAndStatusWellInsideTheSixSecondsOfTheWebEidStatus() throws Exception {
        long[] hello = new long[3], status = new long[3], bare = new long[3];
        for (int i = 0; i < 3; i++) {
            try (HostProcess h = start()) {
                HostProcess.Frame first = h.next();
                assertThat(first.json()).isEqualTo(HostProcess.STRICT.readTree("{\"version\":\"0.1.0\"}"));
                h.send(Map.of("id", 1, "command", "status", "origin", ORIGIN));
                HostProcess.Frame s = h.next();
                assertThat(s.json().get("id").asInt()).isEqualTo(1);
                assertThat(s.json().at("/result/tokens")).hasSize(2);
                assertThat(s.json().at("/result/modules/0/loaded").asBoolean()).isTrue();
                hello[i] = first.atMillis();
                status[i] = s.atMillis();
                h.closeStdin();
                assertThat(h.exit(Duration.ofSeconds(5))).isZero();
                h.assertOnlyFrames();
            }
            bare[i] = bareJavaHello();
        }
        Arrays.sort(hello);
        Arrays.sort(status);
        Arrays.sort(bare);
        System.out.printf("native-host cold start (median of 3, %s): hello after %d ms, status answered after %d ms "
                + "(modules opened); bare java Hello World %d ms -> hello/HelloWorld %.2fx%n",
                System.getProperty("java.version"), hello[1], status[1], bare[1], hello[1] / (double) bare[1]);
        assertThat(status[1]).as("the Web eID page gives status 6 s in all").isLessThan(6000);
        assertThat(hello[1]).isLessThan(status[1]);
    }

    /** ms from starting {@code java JavaHello} (same JDK, same flags as the launcher) to its line on stdout. */
    private static long bareJavaHello() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                JavaHello.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("hello");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        p.waitFor();
        return ms;
    }

    @Test
    void authenticateSignsWithTheTaxCertificateForTheOriginTheExtensionGave() throws Exception {
        try (HostProcess h = start()) {
            h.next();
            h.send(authenticate("login-1", ORIGIN, Map.of("challengeNonce", NONCE, "lang", "zh-CN")));
            JsonNode a = h.next().json();
            assertThat(a.get("id").asText()).isEqualTo("login-1");
            JsonNode t = a.get("result");
            assertThat(t.get("format").asText()).isEqualTo("web-eid:1.0");
            assertThat(t.get("algorithm").asText()).isEqualTo("ES256");
            assertThat(t.get("appVersion").asText()).endsWith("/0.1.0");
            assertThat(Base64.getDecoder().decode(t.get("unverifiedCertificate").asText())).isEqualTo(demo.certificateDer(TAX));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(demo.certificateDer(TAX)));
            byte[] sig = Base64.getDecoder().decode(t.get("signature").asText());
            assertThat(sig).hasSize(64);
            assertThat(verifies(cert, sig, ORIGIN, NONCE)).isTrue();
            assertThat(verifies(cert, sig, "https://evil.example", NONCE)).isFalse();
            h.closeStdin();
            assertThat(h.exit(Duration.ofSeconds(5))).isZero();
            h.assertOnlyFrames();
            assertThat(h.stderr()).contains("operation=authenticate transport=native-messaging")
                    .contains("certificate=" + demo.certificate(TAX).get("id").asText()).doesNotContain(NONCE);
        }
    }

    @Test
    void theExpiredSocialSecurityCertificateAnswersCertificateExpiredWithDetails() throws Exception {
        String ss = demo.certificate(SOCIAL).get("id").asText();
        try (HostProcess h = start()) {
            h.next();
            h.send(authenticate(2, ORIGIN, Map.of("challengeNonce", NONCE, "certificateId", ss)));
            JsonNode e = h.next().json();
            assertThat(e.get("id").asInt()).isEqualTo(2);
            assertThat(e.at("/error/code").asText()).isEqualTo("CERTIFICATE_EXPIRED");
            assertThat(e.at("/error/message").asText()).isNotBlank();
            assertThat(e.at("/error/certificate/id").asText()).isEqualTo(ss);
            assertThat(e.at("/error/certificate/status").asText()).isEqualTo("EXPIRED");
            assertThat(e.at("/error/certificate/notAfter").asText()).isNotBlank();
            assertThat(e.at("/error/certificate/uscc").asText()).hasSize(18);
            h.closeStdin();
            assertThat(h.exit(Duration.ofSeconds(5))).isZero();
            h.assertOnlyFrames();
        }
    }

    @Test
    void foreignOriginAndOriginInsideArgumentsAreRefused() throws Exception {
        try (HostProcess h = start()) {
            h.next();
            h.send(authenticate(3, "https://evil.example", Map.of("challengeNonce", NONCE)));
            JsonNode foreign = h.next().json();
            assertThat(foreign.get("id").asInt()).isEqualTo(3);
            assertThat(foreign.at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
            h.send(authenticate(4, ORIGIN, Map.of("challengeNonce", NONCE, "origin", ORIGIN)));
            JsonNode inArgs = h.next().json();
            assertThat(inArgs.get("id").asInt()).isEqualTo(4);
            assertThat(inArgs.at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(inArgs.at("/error/detail").asText()).contains("arguments.origin");
            // no origin at all (an extension that forgot it): refused too
            h.send(Map.of("id", 5, "command", "authenticate", "arguments", Map.of("challengeNonce", NONCE)));
            assertThat(h.next().json().at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
            h.closeStdin();
            assertThat(h.exit(Duration.ofSeconds(5))).isZero();
            h.assertOnlyFrames();
            assertThat(h.stderr()).doesNotContain("result=OK");
        }
    }

    @Test
    void onceTheModulesAreOpenFileDescriptorOneIsStderrSoNativeCodeCannotWriteToTheChannel() throws Exception {
        try (HostProcess h = start()) {
            String pipe = Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.process.pid()), "fd", "1")).toString();
            h.next();
            h.send(Map.of("id", 1, "command", "status", "origin", ORIGIN)); // answered once the modules are open
            assertThat(h.next().json().has("result")).isTrue();
            Path fds = Path.of("/proc", String.valueOf(h.process.pid()), "fd");
            assertThat(Files.readSymbolicLink(fds.resolve("1"))).as("fd 1 is a copy of stderr")
                    .isEqualTo(Files.readSymbolicLink(fds.resolve("2")));
            List<String> targets = new ArrayList<>();
            try (var list = Files.list(fds)) {
                for (Path fd : (Iterable<Path>) list::iterator) {
                    try {
                        targets.add(Files.readSymbolicLink(fd).toString());
                    } catch (java.io.IOException e) {
                        // closed meanwhile
                    }
                }
            }
            assertThat(pipe).startsWith("pipe:");
            assertThat(targets).as("the channel moved to another descriptor").contains(pipe);
            // and the channel still works
            h.send(Map.of("id", 2, "command", "status", "origin", ORIGIN));
            assertThat(h.next().json().get("id").asInt()).isEqualTo(2);
            h.closeStdin();
            assertThat(h.exit(Duration.ofSeconds(5))).isZero();
            h.assertOnlyFrames();
        }
    }

    @Test
    void anOverSizeFrameIsAnsweredThenTheHostExits() throws Exception {
        try (HostProcess h = start()) {
            h.next();
            // a length prefix of 1 MiB with only a few bytes behind it: the host must not wait for (or read) the body
            h.sendFrame(1 << 20, "{\"command\":\"status\"".getBytes(StandardCharsets.UTF_8));
            JsonNode e = h.next().json();
            assertThat(e.at("/error/code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(e.at("/error/detail").asText()).contains("1048576").contains("8192");
            assertThat(h.exit(Duration.ofSeconds(5))).isEqualTo(1);
            h.assertOnlyFrames();
        }
    }

    @Test
    void closingStdinEndsTheHostWithStatus0WithinTwoSeconds() throws Exception {
        // right after the hello (the modules may still be opening) and after a signature (modules open, key logged in)
        for (boolean signFirst : new boolean[] {false, true}) {
            try (HostProcess h = start()) {
                h.next();
                if (signFirst) {
                    h.send(authenticate(1, ORIGIN, Map.of("challengeNonce", NONCE)));
                    assertThat(h.next().json().has("result")).isTrue();
                }
                long t0 = System.nanoTime();
                h.closeStdin();
                int status = h.exit(Duration.ofSeconds(10));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("native-host exit after stdin closed (%s): %d ms%n", signFirst ? "after a signature" : "after the hello", ms);
                assertThat(status).isZero();
                assertThat(ms).isLessThan(2000);
                h.assertOnlyFrames();
            }
        }
    }

    @Test
    void theInstalledWrapperRunsTheHostWithWhatChromiumAndFirefoxPass() throws Exception {
        Path home = tmp.resolve("home");
        Cli.Result r = demo.keybridge("install-native-host", "--home", home.toString(), "--pin-file", demo.pinsFile.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        JsonNode chromium = HostProcess.STRICT.readTree(home.resolve(".config/chromium/NativeMessagingHosts/org.keybridge.agent.json").toFile());
        Path firefoxManifest = home.resolve(".mozilla/native-messaging-hosts/org.keybridge.agent.json");
        String wrapper = HostProcess.STRICT.readTree(firefoxManifest.toFile()).get("path").asText();
        assertThat(chromium.get("path").asText()).isEqualTo(wrapper);
        List<List<String>> launches = List.of(
                List.of(wrapper, CALLER),                                                          // Chromium, Chrome, Edge
                List.of(wrapper, firefoxManifest.toString(), HostManifests.KEYBRIDGE_FIREFOX_ID)); // Firefox
        for (List<String> launch : launches) {
            try (HostProcess h = new HostProcess(new ArrayList<>(launch))) {
                assertThat(h.next().json().get("version").asText()).isEqualTo("0.1.0");
                h.send(authenticate(1, ORIGIN, Map.of("challengeNonce", NONCE)));
                assertThat(h.next().json().at("/result/algorithm").asText()).as("%s", h).isEqualTo("ES256");
                h.closeStdin();
                assertThat(h.exit(Duration.ofSeconds(5))).isZero();
                h.assertOnlyFrames();
            }
        }
        Cli.Result u = Cli.keybridge("install-native-host", "--uninstall", "--home", home.toString());
        assertThat(u.exit()).as("%s", u).isZero();
        assertThat(Path.of(wrapper)).doesNotExist();
    }

    static boolean verifies(X509Certificate cert, byte[] sig, String origin, String nonce) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
        v.initVerify(cert.getPublicKey());
        v.update(AuthTokenFormat.signedData(SignatureAlgorithm.ES256, origin, nonce));
        return v.verify(sig);
    }
}
