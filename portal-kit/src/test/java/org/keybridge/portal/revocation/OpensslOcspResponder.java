package org.keybridge.portal.revocation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A real OCSP responder for tests: {@code openssl ocsp -index … -port 0} answering for one CA from an index file
 * (status V valid or R revoked per serial; a serial not in it is "unknown"). Port 0: openssl picks a free port and
 * prints it ({@code ACCEPT [::]:PORT}), which we read; it listens on every address, for the test's lifetime only.
 */
final class OpensslOcspResponder implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)");

    private final Process process;
    private final int port;

    /**
     * @param ca the CA whose certificates are asked about
     * @param signerCert the certificate that signs the answers (the CA itself, or another for a negative test)
     */
    OpensslOcspResponder(Path dir, X509Certificate ca, X509Certificate signerCert, PrivateKey signerKey,
                         X509Certificate[] valid, X509Certificate[] revoked) throws Exception {
        Files.createDirectories(dir);
        Path index = dir.resolve("index.txt"), caPem = dir.resolve("ca.pem"), signer = dir.resolve("signer.pem"),
                key = dir.resolve("signer.key");
        StringBuilder idx = new StringBuilder();
        for (X509Certificate c : valid) idx.append(line("V", c, ""));
        for (X509Certificate c : revoked) {
            idx.append(line("R", c, INDEX_TIME.format(c.getNotBefore().toInstant().plusSeconds(3600))));
        }
        Files.writeString(index, idx.toString(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("index.txt.attr"), "unique_subject = no\n", StandardCharsets.US_ASCII);
        Files.writeString(caPem, pem(ca));
        Files.writeString(signer, pem(signerCert));
        Files.writeString(key, pem(new JcaPKCS8Generator(signerKey, null).generate())); // PKCS#8, which openssl reads
        ProcessBuilder pb = new ProcessBuilder("openssl", "ocsp", "-index", index.toString(), "-port", "0",
                "-rsigner", signer.toString(), "-rkey", key.toString(), "-CA", caPem.toString(), "-ignore_err");
        pb.redirectErrorStream(true);
        process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    Matcher m = ACCEPT.matcher(l);
                    if (m.find()) return Integer.parseInt(m.group(1));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("openssl ocsp ended without listening");
        });
        try {
            port = found.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
        // keep draining its output so that it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) System.err.println("openssl ocsp: " + l);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "openssl-ocsp-drain");
        drain.setDaemon(true);
        drain.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private static String line(String status, X509Certificate c, String revokedAt) {
        String serial = c.getSerialNumber().toString(16).toUpperCase();
        if (serial.length() % 2 == 1) serial = "0" + serial;
        return status + "\t" + INDEX_TIME.format(c.getNotAfter().toInstant()) + "\t" + revokedAt + "\t" + serial
                + "\tunknown\t/CN=test\n";
    }

    static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
