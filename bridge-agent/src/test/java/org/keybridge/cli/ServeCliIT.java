package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;

/** {@code keybridge serve} through bin/keybridge: the listening line, a login over HTTP, a refusal, SIGTERM. */
class ServeCliIT {
    static final String ORIGIN = "https://si.example.gov.cn";
    @TempDir static Path tmp;
    static DemoDir demo;

    @BeforeAll
    static void demoKeys() {
        demo = DemoDir.create(tmp.resolve("demo"));
    }

    @Test
    void servesALoginOnLoopbackAndStopsOnSigterm() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Cli.LAUNCHER.toString(), "--config", demo.config.toString(), "serve",
                "--port", "0", "--allow-origin", ORIGIN, "--pin-file", demo.pinsFile.toString())
                .directory(Cli.ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(tmp.resolve("serve.err").toFile());
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Path classLog = tmp.resolve("classes.log");
        pb.environment().put("KEYBRIDGE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).as(Files.readString(tmp.resolve("serve.err")))
                    .matches("KeyBridge agent listening on http://127\\.0\\.0\\.1:\\d+ \\(origins: .*https://si\\.example\\.gov\\.cn\\)");
            Matcher m = Pattern.compile(":(\\d+) ").matcher(line);
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String nonce = Base64.getEncoder().encodeToString("serve: a 32-byte login challenge".getBytes(StandardCharsets.US_ASCII));
            HttpResponse<String> r = client.send(post(port, "/v1/authenticate", ORIGIN, "{\"challengeNonce\":\"" + nonce + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode t = DemoDir.JSON.readTree(r.body());
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(Base64.getDecoder().decode(t.get("unverifiedCertificate").asText())));
            assertThat(cert.getEncoded()).isEqualTo(demo.certificateDer(DemoDir.TAX));
            Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
            v.initVerify(cert.getPublicKey());
            v.update(AuthTokenFormat.signedData(SignatureAlgorithm.ES256, ORIGIN, nonce));
            assertThat(v.verify(Base64.getDecoder().decode(t.get("signature").asText()))).isTrue();
            // the resident agent stays small: no databind (JSON through jackson-jr) and, with no SM2 key, no Bouncy
            // Castle (its signed jar alone keeps thousands of verified entries in memory)
            String loaded = Files.readString(classLog);
            assertThat(loaded).contains("org.keybridge.http.BridgeServer").doesNotContain("com.fasterxml.jackson.databind.")
                    .doesNotContain("org.bouncycastle.");

            HttpResponse<String> refused = client.send(post(port, "/v1/status", "https://evil.example", "{}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(DemoDir.JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");

            p.destroy(); // SIGTERM: the shutdown hook stops the server, the watcher and the driver
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
            String err = Files.readString(tmp.resolve("serve.err"));
            assertThat(err).contains("keybridge.audit").contains("operation=authenticate transport=http").contains("result=OK")
                    .doesNotContain(nonce).doesNotContain(demo.pins.get(DemoDir.TAX));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void withoutAPinSourceItRefusesToStart() {
        Cli.Result r = demo.keybridge("serve", "--port", "0", "--allow-origin", ORIGIN);
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("PIN_CANCELLED").contains("--pin-file");
    }

    @Test
    void aBadOriginIsAConfigurationError() {
        Cli.Result r = demo.keybridge("serve", "--port", "0", "--allow-origin", ORIGIN + "/", "--pin-file", demo.pinsFile.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("CONFIG_INVALID");
    }

    static HttpRequest post(int port, String path, String origin, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Origin", origin).header("Content-Type", "application/json").header("X-KeyBridge", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

}
