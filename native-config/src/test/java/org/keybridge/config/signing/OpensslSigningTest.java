package org.keybridge.config.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;

/** The documented release path: a key made and a file signed by the openssl command, checked by KeyBridge. */
class OpensslSigningTest {
    @TempDir Path tmp;

    private static byte[] run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    @Test
    void opensslSignatureVerifiesUnderItsPinnedPublicKeyAndMatchesReleaseSigner() throws Exception {
        Path key = tmp.resolve("k.pem");
        Path doc = tmp.resolve("catalog.json");
        Files.writeString(doc, "{\"document\":\"catalog\"}\n");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
        byte[] spki = run("openssl", "pkey", "-in", key.toString(), "-pubout", "-outform", "DER");
        String pub = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        byte[] sig = run("openssl", "pkeyutl", "-sign", "-inkey", key.toString(), "-rawin", "-in", doc.toString());

        PinnedKeys pinned = PinnedKeys.parse("# test\nrelease-test " + pub + "\n");
        byte[] sigFile = (Base64.getEncoder().encodeToString(sig) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(pinned.verify(Files.readAllBytes(doc), sigFile, "doc")).isEqualTo("release-test");

        ReleaseSigner signer = ReleaseSigner.fromPem(key);
        assertThat(signer.publicKeyBase64()).isEqualTo(pub);
        assertThat(signer.sign(Files.readAllBytes(doc))).isEqualTo(sig); // Ed25519 is deterministic

        byte[] changed = Files.readAllBytes(doc);
        changed[3] ^= 1;
        assertThatThrownBy(() -> pinned.verify(changed, sigFile, "doc")).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).code()).isEqualTo(ConfigCode.SIGNATURE_INVALID);
    }

    @Test
    void theDemoReleaseKeyInTheRepositoryIsThePinnedOne() throws Exception {
        Path pem = Path.of(System.getProperty("keybridge.root"), "scripts/signing/demo-release-ed25519.pem");
        assertThat(PinnedKeys.release().ids()).contains("demo-release-2026");
        ReleaseSigner signer = ReleaseSigner.fromPem(pem);
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(PinnedKeys.release().verify(data, DetachedSignature.encode(signer.sign(data)), "x")).isEqualTo("demo-release-2026");
    }
}
