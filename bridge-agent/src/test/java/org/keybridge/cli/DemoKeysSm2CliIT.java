package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoSkfKey;

/** {@code demo-keys --sm2}: the SM2 tax-CA key on the software UKey, listed and signing through bin/keybridge. */
class DemoKeysSm2CliIT {
    @TempDir Path tmp;

    @Test
    void sm2KeyIsListedAndItsSignatureVerifiesWithOpenssl() throws Exception {
        Path dir = tmp.resolve("demo");
        Cli.Result made = Cli.keybridge("demo-keys", "--dir", dir.toString(), "--sm2");
        assertThat(made.exit()).as("%s", made).isZero();
        assertThat(made.out()).contains(DemoSkfKey.LABEL);
        String config = dir.resolve("config.json").toString();
        Cli.Result tokens = Cli.keybridge("--config", config, "tokens", "--json");
        assertThat(tokens.exit()).as("%s", tokens).isZero();
        JsonNode sm2 = null;
        for (JsonNode t : DemoDir.JSON.readTree(tokens.out()).get("tokens")) {
            if (t.get("label").asText().equals(DemoSkfKey.LABEL)) sm2 = t;
        }
        assertThat(sm2).as(tokens.out()).isNotNull();
        assertThat(sm2.get("certificates")).hasSize(2);
        assertThat(sm2.get("certificates").findValuesAsText("keyType")).containsOnly("SM2");

        Path data = Files.writeString(tmp.resolve("challenge.txt"), "KeyBridge demo challenge");
        Path sig = tmp.resolve("challenge.sig");
        Cli.Result signed = Cli.keybridge("--config", config, "sign", "--cert", DemoSkfKey.LABEL, "--pin-file",
                dir.resolve("pins.json").toString(), "--alg", "SM2SM3", "--der", "--in", data.toString(), "--out", sig.toString());
        assertThat(signed.exit()).as("%s", signed).isZero();
        Path pub = tmp.resolve("pub.pem");
        assertThat(run("openssl", "x509", "-in", dir.resolve("pki/sm2-tax-login.pem").toString(), "-pubkey", "-noout",
                "-out", pub.toString())).isEmpty();
        assertThat(run("openssl", "dgst", "-sm3", "-verify", pub.toString(), "-sigopt", "distid:1234567812345678",
                "-signature", sig.toString(), data.toString())).contains("Verified OK");
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }
}
