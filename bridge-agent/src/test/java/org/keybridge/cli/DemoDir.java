package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** A demo-keys directory made through {@code bin/keybridge demo-keys}, and what {@code tokens --json} says of it. */
final class DemoDir {
    static final String SOCIAL = "社保CA";
    static final String TAX = "地税CA";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path config;
    final Path pinsFile;
    final Cli.Result demoKeys;
    final Map<String, String> pins;
    final JsonNode tokens;

    private DemoDir(Path dir, Cli.Result demoKeys) throws IOException {
        this.dir = dir;
        this.demoKeys = demoKeys;
        this.config = dir.resolve("config.json");
        this.pinsFile = dir.resolve("pins.json");
        this.pins = JSON.readerForMapOf(String.class).readValue(Files.readString(pinsFile, StandardCharsets.UTF_8));
        Cli.Result t = keybridge("tokens", "--json");
        assertThat(t.exit()).as("%s", t).isZero();
        this.tokens = JSON.readTree(t.out());
    }

    /** Runs demo-keys into {@code dir} (which must not hold a store yet). */
    static DemoDir create(Path dir) {
        Cli.Result r = Cli.keybridge("demo-keys", "--dir", dir.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        try {
            return new DemoDir(dir, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bin/keybridge --config DIR/config.json ARGS…} */
    Cli.Result keybridge(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.keybridge(all);
    }

    JsonNode token(String label) {
        for (JsonNode t : tokens.get("tokens")) {
            if (t.get("label").asText().equals(label)) return t;
        }
        throw new AssertionError("no token " + label + " in " + tokens.toPrettyString());
    }

    /** The one certificate on token {@code label}. */
    JsonNode certificate(String label) {
        JsonNode certs = token(label).get("certificates");
        assertThat(certs).as("certificates of %s", label).hasSize(1);
        return certs.get(0);
    }

    byte[] certificateDer(String label) {
        return Base64.getDecoder().decode(certificate(label).get("certificate").asText());
    }

    /** The certificate as listed by tokens --json, written as PEM to {@code file}. */
    Path writePem(String label, Path file) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificateDer(label));
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return file;
    }
}
