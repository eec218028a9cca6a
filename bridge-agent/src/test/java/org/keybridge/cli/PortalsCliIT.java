package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.config.catalog.CatalogLoader;

/**
 * {@code bin/keybridge portals list|update} and {@code catalog update} with files signed by the project's demo release
 * key (the pinned one): a newer list is taken and reaches the agent's allow-list; tampered, unsigned and older ones
 * are refused with their codes and the current list kept.
 */
class PortalsCliIT {
    static final String ORIGIN = "https://si.example.gov.cn";
    @TempDir static Path tmp;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        ObjectNode c = DemoDir.JSON.createObjectNode();
        c.put("version", 1).put("stateDir", tmp.resolve("state").toString()).put("driversRoot", tmp.resolve("drivers").toString())
                .put("catalogOverride", tmp.resolve("override.json").toString());
        config = Files.write(tmp.resolve("config.json"), DemoDir.JSON.writeValueAsBytes(c));
    }

    static Cli.Result kb(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.keybridge(Duration.ofSeconds(60), all);
    }

    static Path portalList(String name, long sequence, String origin, boolean sign) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, """
                {"document": "portals", "schemaVersion": 1, "sequence": %d, "published": "2026-11-27", "portals": [
                  {"id": "shebao.online-hall", "names": {"zh-CN": "社保网上服务大厅", "en": "Social security online service hall",
                   "es": "Oficina virtual de la seguridad social"}, "origins": ["%s"],
                   "allowedOperations": ["status", "certificates", "authenticate", "bind-certificate"],
                   "trustedIssuers": ["demo.social-security-ca", "demo.tax-ca"], "verified": true, "sources": ["DEMO"]}]}
                """.formatted(sequence, origin));
        if (sign) TestBundles.signer().signFile(f);
        return f;
    }

    @Test
    void signedPortalListReachesTheAllowListAndBadOnesAreRefused() throws Exception {
        Cli.Result r = kb("portals", "update", portalList("p2.json", 2, ORIGIN, true).toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("sequence 2");

        JsonNode list = DemoDir.JSON.readTree(kb("portals", "list", "--json").out());
        assertThat(list.get("portalListSequence").asLong()).isEqualTo(2);
        assertThat(list.at("/portals/0/origins/0").asText()).isEqualTo(ORIGIN);
        Cli.Result zh = kb("--lang", "zh-CN", "portals", "list");
        assertThat(zh.out()).contains("社保网上服务大厅").contains(ORIGIN);

        Path tampered = portalList("p3.json", 3, "https://evil.example.cn", true);
        Files.writeString(tampered, Files.readString(tampered).replace("evil.example.cn", "evel.example.cn"));
        r = kb("portals", "update", tampered.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("SIGNATURE_INVALID");

        r = kb("portals", "update", portalList("p4.json", 4, "https://evil.example.cn", false).toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("SIGNATURE_MISSING");

        r = kb("--lang", "zh-CN", "portals", "update", portalList("p1.json", 1, "https://old.example.cn", true).toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("UPDATE_ROLLBACK").contains("更新并不比已安装的版本新");

        assertThat(DemoDir.JSON.readTree(kb("portals", "list", "--json").out()).at("/portals/0/origins/0").asText()).isEqualTo(ORIGIN);

        // the agent serves the list's origin without any --allow-origin
        Path pins = Files.writeString(tmp.resolve("pins.json"), "{}");
        ProcessBuilder pb = new ProcessBuilder(Cli.LAUNCHER.toString(), "--config", config.toString(), "serve", "--port", "0",
                "--pin-file", pins.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process agent = pb.start();
        try {
            String line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new java.io.BufferedReader(new java.io.InputStreamReader(agent.getInputStream())).readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(line).contains("listening").contains("origins: " + ORIGIN + ")");
        } finally {
            agent.destroyForcibly();
        }
    }

    @Test
    void signedNewerCatalogIsTakenAndARollbackRefused() throws Exception {
        long embedded = CatalogLoader.embedded().sequence();
        ObjectNode c;
        try (InputStream in = CatalogLoader.class.getResourceAsStream("default-catalog.json")) {
            c = (ObjectNode) DemoDir.JSON.readTree(in);
        }
        c.put("sequence", embedded + 10);
        Path f = Files.write(tmp.resolve("catalog.json"), DemoDir.JSON.writeValueAsBytes(c));
        TestBundles.signer().signFile(f);
        Cli.Result r = kb("catalog", "update", f.toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(kb("catalog", "show").out()).contains("Catalog " + (embedded + 10));

        c.put("sequence", embedded + 5);
        Path older = Files.write(tmp.resolve("catalog-older.json"), DemoDir.JSON.writeValueAsBytes(c));
        TestBundles.signer().signFile(older);
        r = kb("catalog", "update", older.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("UPDATE_ROLLBACK");

        c.put("sequence", embedded + 20).put("schemaVersion", 2);
        Path future = Files.write(tmp.resolve("catalog-v2.json"), DemoDir.JSON.writeValueAsBytes(c));
        TestBundles.signer().signFile(future);
        r = kb("catalog", "update", future.toString());
        assertThat(r.err()).contains("CATALOG_VERSION_UNSUPPORTED");
        assertThat(kb("catalog", "show").out()).contains("Catalog " + (embedded + 10));
    }
}
