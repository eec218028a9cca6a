package org.keybridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPkiPemTest {

    private static final Instant NOW = Instant.now();
    private static DemoPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void createPki() {
        pki = DemoPki.create(NOW);
    }

    @Test
    void writesNineCertificateFilesAndNoKeys() throws Exception {
        pki.writePem(dir.resolve("ca"));
        Path ca = dir.resolve("ca");
        try (Stream<Path> files = Files.list(ca)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "social-security-root.pem", "social-security-ca.pem", "social-security-chain.pem",
                    "tax-root.pem", "tax-ca.pem", "tax-chain.pem", "sm2-tax-root.pem", "sm2-tax-ca.pem", "sm2-tax-chain.pem");
        }
        try (Stream<Path> files = Files.list(ca)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).doesNotContain("PRIVATE").startsWith("-----BEGIN CERTIFICATE-----");
            }
        }
        assertThat(read(ca.resolve("social-security-root.pem"))).containsExactly(pki.socialSecurity().root());
        assertThat(read(ca.resolve("social-security-ca.pem"))).containsExactly(pki.socialSecurity().issuing());
        assertThat(read(ca.resolve("social-security-chain.pem"))).containsExactlyElementsOf(pki.socialSecurity().chain());
        assertThat(read(ca.resolve("tax-root.pem"))).containsExactly(pki.tax().root());
        assertThat(read(ca.resolve("tax-ca.pem"))).containsExactly(pki.tax().issuing());
        assertThat(read(ca.resolve("tax-chain.pem"))).containsExactly(pki.tax().issuing(), pki.tax().root());
    }

    @Test
    void opensslAcceptsEcAndRsaClientCertificatesUnderBothHierarchies() throws Exception {
        pki.writePem(dir);
        KeyPair ec = TokenKeys.ecP256();
        KeyPair rsa = TokenKeys.rsa();
        for (String stem : List.of("social-security", "tax")) {
            CaChain ca = stem.equals("tax") ? pki.tax() : pki.socialSecurity();
            for (KeyPair key : List.of(ec, rsa)) {
                Path ee = writeClientCertificate(ca, key, NOW.plus(Duration.ofDays(30)));
                OpenSsl result = verify(dir.resolve(stem + "-root.pem"), dir.resolve(stem + "-ca.pem"), ee);
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains(": OK");
            }
        }
    }

    @Test
    void opensslRejectsTheWrongRootAndAnExpiredCertificate() throws Exception {
        pki.writePem(dir);
        KeyPair ec = TokenKeys.ecP256();
        Path current = writeClientCertificate(pki.tax(), ec, NOW.plus(Duration.ofDays(30)));
        OpenSsl wrongRoot = verify(dir.resolve("social-security-root.pem"), dir.resolve("tax-ca.pem"), current);
        assertThat(wrongRoot.exitCode()).isNotZero();

        Path expired = Files.writeString(dir.resolve("expired.pem"), DemoPki.pem(pki.issueClientCertificate(
                pki.tax(), TokenKeys.info(ec), DemoPki.demoEnterprise(),
                NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)))));
        OpenSsl result = verify(dir.resolve("tax-root.pem"), dir.resolve("tax-ca.pem"), expired);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("expired");
    }

    private Path writeClientCertificate(CaChain ca, KeyPair key, Instant notAfter) throws IOException {
        X509Certificate cert = pki.issueClientCertificate(
                ca, TokenKeys.info(key), DemoPki.demoEnterprise(), NOW.minus(Duration.ofDays(1)), notAfter);
        return Files.writeString(Files.createTempFile(dir, "ee-", ".pem"), DemoPki.pem(cert));
    }

    private record OpenSsl(int exitCode, String output) {}

    /** -x509_strict also enforces RFC 5280 details such as key identifiers and critical CA constraints. */
    private static OpenSsl verify(Path root, Path issuing, Path ee) throws Exception {
        Process process = new ProcessBuilder("openssl", "verify", "-x509_strict",
                "-CAfile", root.toString(), "-untrusted", issuing.toString(), ee.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new OpenSsl(process.exitValue(), output);
    }

    private static List<X509Certificate> read(Path pem) throws Exception {
        byte[] bytes = Files.readAllBytes(pem);
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                .stream().map(X509Certificate.class::cast).toList();
    }
}
