package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keybridge.cli.DemoDir.SOCIAL;
import static org.keybridge.cli.DemoDir.TAX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keybridge demo-keys} and {@code keybridge tokens} through bin/keybridge on a real SoftHSM store. */
class DemoKeysCliIT {
    @TempDir static Path tmp;
    static DemoDir demo;

    @BeforeAll
    static void demoKeys() {
        demo = DemoDir.create(tmp.resolve("demo"));
    }

    @Test
    void demoKeysIsQuickPrintsThePinsAndWritesConfigAndPins() throws Exception {
        Cli.Result r = demo.demoKeys;
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.elapsed()).as("demo-keys is meant to be quick: %s", r).isLessThan(Duration.ofSeconds(30));
        assertThat(demo.config).isRegularFile();
        assertThat(demo.pinsFile).isRegularFile();
        assertThat(demo.pins).containsOnlyKeys(SOCIAL, TAX);
        demo.pins.forEach((label, pin) -> {
            assertThat(pin).as("PIN of %s", label).matches("[0-9]{4,}");
            assertThat(r.out()).as("demo-keys prints the PIN of %s", label).contains(pin);
        });
        assertThat(Files.getPosixFilePermissions(demo.pinsFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode config = DemoDir.JSON.readTree(demo.config.toFile());
        assertThat(config.get("modules")).hasSize(1);
        assertThat(config.get("modules").get(0).get("environment").get("SOFTHSM2_CONF").asText())
                .startsWith(demo.dir.toString());
    }

    @Test
    void tokensJsonListsBothTokensWithStatusUsccAndId() throws Exception {
        assertThat(demo.tokens.get("modules")).hasSize(1);
        assertThat(demo.tokens.get("modules").get(0).get("loaded").asBoolean()).isTrue();
        List<String> labels = demo.tokens.get("tokens").findValuesAsText("label").stream()
                .filter(l -> l.equals(SOCIAL) || l.equals(TAX)).toList();
        assertThat(labels).containsExactlyInAnyOrder(SOCIAL, TAX);

        JsonNode social = demo.certificate(SOCIAL), tax = demo.certificate(TAX);
        assertThat(social.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(tax.get("status").asText()).isEqualTo("VALID");
        assertThat(social.get("keyType").asText()).isEqualTo("RSA");
        assertThat(tax.get("keyType").asText()).isEqualTo("EC");

        String uscc = social.get("uscc").asText();
        assertThat(tax.get("uscc").asText()).isEqualTo(uscc);
        assertThat(uscc).hasSize(18);
        assertThat(usccCheckCharacterOk(uscc)).as("USCC %s has a valid check character (GB 32100-2015)", uscc).isTrue();

        for (String label : List.of(SOCIAL, TAX)) {
            byte[] der = demo.certificateDer(label);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            assertThat(demo.certificate(label).get("id").asText()).as("id of %s", label).isEqualTo(sha256);
        }
    }

    @Test
    void tokensTextMentionsBothLabelsAndTheirStatus() {
        Cli.Result r = demo.keybridge("tokens");
        assertThat(r.exit()).as("%s", r).isZero();
        // a token's block: its line, then indented lines for its certificates
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : r.out().lines().toList()) {
            if (!line.startsWith(" ")) {
                current = new StringBuilder();
                blocks.put(line, current);
            }
            if (current != null) current.append(line).append('\n');
        }
        String social = blockOf(blocks, SOCIAL), tax = blockOf(blocks, TAX);
        assertThat(social).contains("EXPIRED").contains(demo.certificate(SOCIAL).get("id").asText());
        assertThat(tax).contains("VALID").doesNotContain("EXPIRED").contains(demo.certificate(TAX).get("id").asText());
    }

    @Test
    void aMissingLibraryIsModuleLoadFailed() throws Exception {
        ObjectNode config = (ObjectNode) DemoDir.JSON.readTree(demo.config.toFile());
        ((ObjectNode) config.get("modules").get(0)).put("library", tmp.resolve("no-such-dir/libno-such-pkcs11.so").toString());
        Path file = tmp.resolve("missing-library.json");
        Files.writeString(file, config.toPrettyString(), StandardCharsets.UTF_8);

        Cli.Result r = Cli.keybridge("--config", file.toString(), "tokens");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("MODULE_LOAD_FAILED");
    }

    @Test
    void anUnknownConfigFieldIsConfigInvalid() throws Exception {
        ObjectNode config = (ObjectNode) DemoDir.JSON.readTree(demo.config.toFile());
        config.put("colour", "blue");
        Path file = tmp.resolve("unknown-field.json");
        Files.writeString(file, config.toPrettyString(), StandardCharsets.UTF_8);

        Cli.Result r = Cli.keybridge("--config", file.toString(), "tokens");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).as("%s", r).contains("CONFIG_INVALID").contains("colour");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result r = Cli.keybridge("no-such-command");
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("%s", r).contains("no-such-command");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Cli.Result demoKeys = Cli.keybridge("demo-keys");
        assertThat(demoKeys.exit()).as("%s", demoKeys).isEqualTo(2);
        assertThat(demoKeys.err()).as("%s", demoKeys).contains("--dir");

        Cli.Result sign = demo.keybridge("sign", "--cert", demo.certificate(TAX).get("id").asText());
        assertThat(sign.exit()).as("%s", sign).isEqualTo(2);
        assertThat(sign.err()).as("%s", sign).contains("--alg");
    }

    private static String blockOf(Map<String, StringBuilder> blocks, String label) {
        List<String> found = blocks.entrySet().stream().filter(e -> e.getKey().startsWith(label + " "))
                .map(e -> e.getValue().toString()).toList();
        assertThat(found).as("one block for token %s in %s", label, blocks.keySet()).hasSize(1);
        return found.get(0);
    }

    /** GB 32100-2015: 17 characters weighted 3^i mod 31, check character 31 - (sum mod 31), 31 written as 0. */
    static boolean usccCheckCharacterOk(String uscc) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        if (uscc.length() != 18) return false;
        int sum = 0, weight = 1;
        for (int i = 0; i < 17; i++) {
            int v = alphabet.indexOf(uscc.charAt(i));
            if (v < 0) return false;
            sum += v * weight;
            weight = weight * 3 % 31;
        }
        int check = (31 - sum % 31) % 31;
        return uscc.charAt(17) == alphabet.charAt(check);
    }
}
