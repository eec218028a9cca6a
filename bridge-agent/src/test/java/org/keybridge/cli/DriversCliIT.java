package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/keybridge drivers …} as a real process, with the demo keys' configuration pointed at a private
 * drivers root: SoftHSM bundles install and join the agent's modules; a segfaulting bundle is refused while a
 * running agent keeps answering; an install killed with SIGKILL during its test leaves the previous version in use.
 */
class DriversCliIT {
    @TempDir static Path tmp;
    static DemoDir demo;
    static Path config;
    static Path root;
    static Map<String, String> env;

    @BeforeAll
    static void setUp() throws Exception {
        demo = DemoDir.create(tmp.resolve("demo"));
        root = tmp.resolve("drivers");
        ObjectNode c = (ObjectNode) DemoDir.JSON.readTree(demo.config.toFile());
        c.put("driversRoot", root.toString()).put("stateDir", tmp.resolve("state").toString())
                .put("catalogOverride", tmp.resolve("no-override.json").toString());
        config = Files.write(tmp.resolve("config.json"), DemoDir.JSON.writeValueAsBytes(c));
        env = Map.of("SOFTHSM2_CONF", TestBundles.softhsmConf(tmp).toString());
    }

    static Cli.Result kb(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.keybridge(Duration.ofSeconds(120), all);
    }

    static JsonNode installed() throws Exception {
        Cli.Result r = kb("drivers", "list", "--json");
        assertThat(r.exit()).as("%s", r).isZero();
        for (JsonNode d : DemoDir.JSON.readTree(r.out()).get("drivers")) if (d.get("model").asText().equals(TestBundles.MODEL)) return d;
        return null;
    }

    @Test
    void bundlesInstallJoinTheAgentsModulesAndSurviveACrashingOneAndAKilledInstall() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bundles"));
        Cli.Result r = kb("drivers", "install", TestBundles.bundle(dir, "1.0", TestBundles.SOFTHSM, env).toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(installed().get("current").asText()).isEqualTo("1.0");

        // the installed driver is one of the modules the agent loads
        Cli.Result tokens = kb("tokens", "--json");
        assertThat(tokens.exit()).as("%s", tokens).isZero();
        JsonNode modules = DemoDir.JSON.readTree(tokens.out()).get("modules");
        assertThat(modules.findValuesAsText("name")).contains(Drivers.bundleModuleName(TestBundles.MODEL));
        for (JsonNode m : modules) {
            if (m.get("name").asText().equals(Drivers.bundleModuleName(TestBundles.MODEL))) {
                assertThat(m.get("loaded").asBoolean()).as("%s", m).isTrue();
                assertThat(m.get("library").asText()).startsWith(root.toString()).contains("/current/");
            }
        }

        // an agent is running while IT installs a driver that segfaults in its test
        Process agent = startAgent();
        try {
            int port = port(agent);
            Cli.Result crash = kb("drivers", "upgrade", TestBundles.bundle(dir, "1.1-crash", TestBundles.badModule(dir, 2), Map.of()).toString());
            assertThat(crash.exit()).as("%s", crash).isEqualTo(1);
            assertThat(crash.err()).contains("DRIVER_TEST_FAILED").contains("killed by signal");
            assertThat(agent.isAlive()).isTrue();
            HttpResponse<String> status = HttpClient.newHttpClient().send(ServeCliIT.post(port, "/v1/status", "http://localhost:18080", "{}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        } finally {
            agent.destroy();
            agent.waitFor(20, TimeUnit.SECONDS);
            agent.destroyForcibly();
        }
        assertThat(installed().get("current").asText()).isEqualTo("1.0");

        // an upgrade whose module never returns from C_Initialize, killed (SIGKILL, with its probe) mid-test
        ProcessBuilder pb = new ProcessBuilder(Cli.LAUNCHER.toString(), "--config", config.toString(), "drivers", "upgrade",
                TestBundles.bundle(dir, "1.2-hang", TestBundles.badModule(dir, 3), Map.of()).toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        Process install = pb.start();
        Path hanging = root.resolve(TestBundles.MODEL + "/versions/1.2-hang");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.isDirectory(hanging) && install.descendants().findAny().isPresent()) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(hanging).as("the new version was written and is being tested").isDirectory();
        Thread.sleep(500);
        List<ProcessHandle> tree = install.descendants().toList();
        install.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        install.waitFor(10, TimeUnit.SECONDS);
        assertThat(installed().get("current").asText()).isEqualTo("1.0");
        tokens = kb("tokens", "--json");
        assertThat(DemoDir.JSON.readTree(tokens.out()).get("modules").toString())
                .contains("\"name\":\"driver-demo.softhsm2\",\"library\":\"" + root + "/demo.softhsm2/current/lib/libsofthsm2.so\",\"loaded\":true");

        // the next upgrade works; then rollback goes back to 1.0
        r = kb("drivers", "upgrade", TestBundles.bundle(dir, "1.3", TestBundles.SOFTHSM, env).toString());
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(installed().get("current").asText()).isEqualTo("1.3");
        assertThat(installed().get("previous").asText()).isEqualTo("1.0");
        r = kb("--lang", "zh-CN", "drivers", "rollback", TestBundles.MODEL);
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("已回退到版本 1.0");
        assertThat(installed().get("current").asText()).isEqualTo("1.0");

        // config sunpkcs11 MODEL: the installed driver's library, and both demo tokens are its
        Cli.Result cfg = kb("config", "sunpkcs11", TestBundles.MODEL);
        assertThat(cfg.exit()).as("%s", cfg).isZero();
        assertThat(cfg.out()).contains("library = " + root.resolve(TestBundles.MODEL + "/current/lib/libsofthsm2.so"));
    }

    @Test
    void rollbackWithNothingInstalledAndATamperedBundleAreRefused() throws Exception {
        Cli.Result r = kb("drivers", "rollback", "feitian.epass2003");
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("DRIVER_NOT_INSTALLED");
        Path dir = Files.createDirectories(tmp.resolve("tampered"));
        Path b = TestBundles.bundle(dir, "9.0", TestBundles.SOFTHSM, env);
        byte[] zip = Files.readAllBytes(b);
        zip[100] ^= 1;
        Files.write(b, zip);
        r = kb("--lang", "es", "drivers", "install", b.toString());
        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).contains("SIGNATURE_INVALID").contains("no la firmó el proyecto KeyBridge");
    }

    @Test
    void configSunPkcs11AcceptsACatalogModel() {
        Cli.Result r = demo.keybridge("config", "sunpkcs11", "demo.softhsm2");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("library = /usr/lib/softhsm/libsofthsm2.so").contains("SOFTHSM2_CONF=")
                .contains("2 keys of this model are inserted");
        Cli.Result none = demo.keybridge("config", "sunpkcs11", "longmai.gm3000");
        assertThat(none.exit()).as("%s", none).isEqualTo(1);
        assertThat(none.err()).contains("MODULE_LOAD_FAILED").contains("longmai.gm3000");
    }

    static Process startAgent() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Cli.LAUNCHER.toString(), "--config", config.toString(), "serve", "--port", "0",
                "--dev", "--pin-file", demo.pinsFile.toString())
                .directory(Cli.ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(tmp.resolve("serve.err").toFile());
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    static int port(Process agent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as(Files.readString(tmp.resolve("serve.err"))).contains("listening").contains("http://localhost:18080");
        Matcher m = Pattern.compile(":(\\d+) ").matcher(line);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
