package org.keybridge.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.demo.DemoKeys;
import org.keybridge.nativemsg.FrameReader;
import org.keybridge.nativemsg.FrameWriter;
import org.keybridge.nativemsg.HostManifests;

/**
 * The Debian package on this machine, as an administrator installs it: {@code dpkg -i} of the .deb that build-deb.sh
 * made, the installed command line, a native-messaging {@code status} through the INSTALLED host manifest (started
 * the way Chromium and Firefox start it), the resident agent listening, then {@code dpkg --purge} and nothing of it
 * left: no file, manifest, autostart entry, unit, directory made for them, process or listening socket.
 *
 * <p>Needs root (CI is a fresh Debian 12 as root). It purges an installed KeyBridge first and leaves none behind.
 */
class DebPackageIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
    static final Path DEB_DIR = Path.of(System.getProperty("keybridge.deb.dir", "target"));
    static final String PACKAGE = "keybridge";
    static final Path INSTALL_DIR = Path.of("/opt/keybridge");
    static final Path HOST = INSTALL_DIR.resolve("bin/keybridge-native-host");
    static final Path CLI = Path.of("/usr/bin/keybridge");
    static final Path CONFIG = Path.of("/etc/keybridge/config.json");
    static final String ORIGIN = "https://portal.keybridge.test";
    static final Map<String, Path> MANIFESTS = Map.of(
            "chromium", Path.of("/etc/chromium/native-messaging-hosts/org.keybridge.agent.json"),
            "chrome", Path.of("/etc/opt/chrome/native-messaging-hosts/org.keybridge.agent.json"),
            "edge", Path.of("/etc/opt/edge/native-messaging-hosts/org.keybridge.agent.json"),
            "firefox", Path.of("/usr/lib/mozilla/native-messaging-hosts/org.keybridge.agent.json"));
    static final List<Path> AUTOSTART = List.of(Path.of("/etc/xdg/autostart/keybridge-agent.desktop"),
            Path.of("/usr/lib/systemd/user/keybridge-agent.service"));
    static final List<Path> STATE = List.of(Path.of("/var/lib/keybridge"), Path.of("/etc/keybridge"));

    @TempDir Path tmp;

    @Test
    void installsAnswersThroughTheInstalledManifestAndPurgesWithoutATrace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "not a Debian system");
        Path deb = onlyDeb();
        // one package test at a time on a machine (several clones may build at once; dpkg has one database)
        try (FileChannel ch = FileChannel.open(Path.of("/tmp/keybridge-package-test.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            if (installed()) assertThat(dpkg("--purge", PACKAGE).exit()).as("purging the KeyBridge already installed").isZero();
            List<Path> outside = outsideFiles();
            for (Path p : outside) assertThat(p).as("left from before").doesNotExist();
            Map<Path, Boolean> dirsBefore = dirsExisting(outside);

            Run install = dpkg("-i", deb.toString());
            if (install.exit() != 0 && install.err().contains("dependency problems")) {
                // a machine without some library the runtime links against (scripts/setup.sh installs them): as an
                // administrator would, let apt bring them and finish the installation
                install = run(List.of("apt-get", "install", "-f", "-y", "-q", "-o", "DPkg::Lock::Timeout=120"),
                        Map.of("DEBIAN_FRONTEND", "noninteractive"));
            }
            assertThat(install.exit()).as("dpkg -i: %s", install.err()).isZero();
            List<Path> owned = ownedFiles();
            assertThat(owned).contains(INSTALL_DIR.resolve("bin/keybridge"), HOST, INSTALL_DIR.resolve("lib/app/keybridge.jsa"),
                    INSTALL_DIR.resolve("lib/native/libjnidispatch.so"), INSTALL_DIR.resolve("lib/runtime/lib/server/classes.jsa"));
            for (Path p : outside) assertThat(p).as("installed by postinst").exists();
            assertThat(CLI).isSymbolicLink();
            checkManifests();
            assertThat(Files.readString(AUTOSTART.get(0))).contains("Exec=env MALLOC_ARENA_MAX=2 /usr/bin/keybridge serve");

            Map<String, String> version = version();
            checkCommandLine();

            // the installed product makes the demo keys; the system configuration (what IT edits) allows the test origin
            Path demo = tmp.resolve("demo");
            Run keys = run(List.of(CLI.toString(), "demo-keys", "--dir", demo.toString()), Map.of());
            assertThat(keys.exit()).as("demo-keys: %s", keys.err()).isZero();
            ObjectNode config = (ObjectNode) JSON.readTree(demo.resolve("config.json").toFile());
            config.putArray("allowedOrigins").add(ORIGIN);
            config.put("devMode", false);
            JSON.writeValue(CONFIG.toFile(), config);

            statusThroughTheChromiumManifest(version);
            helloThroughTheFirefoxManifest(version.get("keybridge"));

            // the resident agent as the autostart entry starts it (a PIN file instead of a display)
            Path agentLog = tmp.resolve("agent.log");
            Process agent = new ProcessBuilder(CLI.toString(), "serve", "--port", "0", "--pin-file", demo.resolve("pins.json").toString())
                    .redirectErrorStream(true).redirectOutput(agentLog.toFile()).start();
            try {
                int port = awaitPort(agent, agentLog);
                assertThat(listening()).anySatisfy(l -> assertThat(l.local()).contains("127.0.0.1").endsWith(":" + port));

                Run purge = dpkg("--purge", PACKAGE);
                assertThat(purge.exit()).as("dpkg --purge: %s", purge.err()).isZero();
                assertThat(agent.waitFor(10, TimeUnit.SECONDS)).as("prerm stopped the running agent").isTrue();
                assertThat(installed()).isFalse();
                for (Path p : owned) {
                    if (p.startsWith(INSTALL_DIR) || !Files.isDirectory(p)) assertThat(p).as("a file of the package").doesNotExist();
                }
                assertThat(INSTALL_DIR).doesNotExist();
                for (Path p : outside) assertThat(p).as("removed by postrm").doesNotExist();
                for (var e : dirsBefore.entrySet()) {
                    assertThat(Files.exists(e.getKey())).as("directory %s existed before: %s", e.getKey(), e.getValue()).isEqualTo(e.getValue());
                }
                assertThat(processesOfThePackage()).isEmpty();
                assertThat(listening()).noneSatisfy(l -> assertThat(l.local()).endsWith(":" + port))
                        .noneSatisfy(l -> assertThat(l.process()).contains("\"keybridge\""));
            } finally {
                agent.destroyForcibly(); // when a check failed before the purge
            }
        }
    }

    /** Version, commit and catalog from the installed {@code keybridge version}: the build's, and CDS in use. */
    private Map<String, String> version() throws Exception {
        // -Xshare:on: the JVM refuses to start without the runtime's archive; the application's (top) archive, when
        // it does not fit (a jar of another size or time), is dropped with a warning on stderr
        Run r = run(List.of(CLI.toString(), "version"), Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"));
        assertThat(r.exit()).as("keybridge version with -Xshare:on: %s", r.err()).isZero();
        assertThat(r.err()).doesNotContain("Unable to use shared archive").doesNotContain("[cds");
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            String[] kv = line.trim().split("\\s+", 2);
            if (kv.length == 2) v.put(kv[0], kv[1]);
        }
        Properties stamped = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("bridge-agent/target/classes/keybridge-build.properties"))) {
            stamped.load(in);
        }
        Properties project = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("bridge-agent/target/classes/keybridge-version.properties"))) {
            project.load(in);
        }
        assertThat(v.get("keybridge")).isEqualTo(project.getProperty("version"));
        assertThat(v.get("commit")).isEqualTo(stamped.getProperty("commit"));
        String head = git("rev-parse", "--short", "HEAD");
        if (head != null) assertThat(v.get("commit")).matches("[0-9a-f]{7,40}");
        assertThat(v).containsKey("catalog");
        return v;
    }

    /** {@code doctor --json} once it exists; until then {@code tokens --json}: the installed runtime loads the modules. */
    private void checkCommandLine() throws Exception {
        Run doctor = run(List.of(CLI.toString(), "doctor", "--json"), Map.of());
        if (doctor.exit() != 2) {
            assertThat(doctor.exit()).as("doctor: %s", doctor.err()).isIn(0, 1);
            assertThat(JSON.readTree(doctor.out()).isObject()).isTrue();
        }
        Run tokens = run(List.of(CLI.toString(), "tokens", "--json"), Map.of());
        assertThat(tokens.exit()).as("tokens: %s", tokens.err()).isIn(0, 1);
        if (tokens.exit() == 0) assertThat(JSON.readTree(tokens.out()).get("modules").isArray()).isTrue();
        else assertThat(tokens.err()).contains("error: "); // no OpenSC here: the code, not a stack trace
    }

    private void checkManifests() throws IOException {
        for (var e : MANIFESTS.entrySet()) {
            JsonNode m = JSON.readTree(e.getValue().toFile());
            assertThat(m.get("name").asText()).isEqualTo("org.keybridge.agent");
            assertThat(m.get("type").asText()).isEqualTo("stdio");
            assertThat(m.get("path").asText()).isEqualTo(HOST.toString());
            if (e.getKey().equals("firefox")) {
                assertThat(m.get("allowed_extensions")).extracting(JsonNode::asText).containsExactly(HostManifests.KEYBRIDGE_FIREFOX_ID);
            } else {
                assertThat(m.get("allowed_origins")).extracting(JsonNode::asText)
                        .containsExactly("chrome-extension://" + HostManifests.KEYBRIDGE_EXTENSION_ID + "/");
            }
        }
        assertThat(HOST).isExecutable();
    }

    /** Chromium's way: the manifest's path, the caller's origin as the one argument; frames on stdin and stdout. */
    private void statusThroughTheChromiumManifest(Map<String, String> version) throws Exception {
        String path = JSON.readTree(MANIFESTS.get("chromium").toFile()).get("path").asText();
        long t0 = System.nanoTime();
        Process host = new ProcessBuilder(path, "chrome-extension://" + HostManifests.KEYBRIDGE_EXTENSION_ID + "/")
                .redirectError(tmp.resolve("host.err").toFile()).start();
        FrameReader in = new FrameReader(host.getInputStream(), 1 << 20, java.nio.ByteOrder.nativeOrder());
        JsonNode hello = JSON.readTree(in.read());
        long helloMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(hello.get("version").asText()).isEqualTo(version.get("keybridge"));
        FrameWriter out = new FrameWriter(host.getOutputStream());
        out.write("{\"command\":\"status\",\"origin\":\"" + ORIGIN + "\",\"id\":1}");
        JsonNode answer = JSON.readTree(in.read());
        long statusMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(answer.get("id").asInt()).isEqualTo(1);
        JsonNode status = answer.get("result");
        assertThat(status).as("status answer: %s (stderr: %s)", answer, read(tmp.resolve("host.err"))).isNotNull();
        assertThat(status.get("version").asText()).isEqualTo(version.get("keybridge"));
        assertThat(status.get("commit").asText()).isEqualTo(version.get("commit"));
        assertThat(status.get("catalogVersion").asText()).isEqualTo(version.get("catalog"));
        assertThat(status.get("tokens")).extracting(t -> t.get("label").asText())
                .containsExactlyInAnyOrder(DemoKeys.SOCIAL_SECURITY_LABEL, DemoKeys.TAX_LABEL);
        // a page's origin that IT did not allow: refused
        out.write("{\"command\":\"status\",\"origin\":\"https://evil.example\",\"id\":2}");
        assertThat(JSON.readTree(in.read()).at("/error/code").asText()).isEqualTo("ORIGIN_NOT_ALLOWED");
        host.getOutputStream().close();
        assertThat(host.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(host.exitValue()).isZero();
        assertThat(read(tmp.resolve("host.err"))).as("the host's stderr").doesNotContain("Unable to use shared archive");
        System.out.printf("installed native host: hello after %d ms, status after %d ms%n", helloMs, statusMs);
    }

    /** Firefox's way: the manifest's path with the manifest and the add-on id as arguments. */
    private void helloThroughTheFirefoxManifest(String version) throws Exception {
        Path manifest = MANIFESTS.get("firefox");
        Process host = new ProcessBuilder(JSON.readTree(manifest.toFile()).get("path").asText(), manifest.toString(),
                HostManifests.KEYBRIDGE_FIREFOX_ID).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode hello = JSON.readTree(new FrameReader(host.getInputStream()).read());
        assertThat(hello.get("version").asText()).isEqualTo(version);
        host.getOutputStream().close();
        assertThat(host.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(host.exitValue()).isZero();
    }

    /** What postinst puts outside /opt/keybridge. */
    private static List<Path> outsideFiles() {
        List<Path> all = new ArrayList<>(MANIFESTS.values());
        all.addAll(AUTOSTART);
        all.add(CLI);
        all.add(CONFIG);
        return all;
    }

    /** Every ancestor directory of these files (up to /): whether it exists now. */
    private static Map<Path, Boolean> dirsExisting(List<Path> files) {
        Map<Path, Boolean> m = new LinkedHashMap<>();
        for (Path f : files) {
            for (Path d = f.getParent(); d != null && d.getParent() != null; d = d.getParent()) m.put(d, Files.isDirectory(d));
        }
        for (Path d : STATE) m.put(d, Files.isDirectory(d));
        return m;
    }

    private static List<Path> ownedFiles() throws Exception {
        Run r = run(List.of("dpkg", "-L", PACKAGE), Map.of());
        assertThat(r.exit()).isZero();
        return r.out().lines().filter(l -> l.startsWith("/") && !l.equals("/.")).map(Path::of).toList();
    }

    private static boolean installed() throws Exception {
        Run r = run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE), Map.of());
        return r.exit() == 0 && !r.out().contains("not-installed");
    }

    /** Processes whose executable is in the package (a deleted one reads "… (deleted)"). */
    private static List<Long> processesOfThePackage() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return Files.readSymbolicLink(p.resolve("exe")).startsWith(INSTALL_DIR);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One listening TCP socket: its local address and port, and the processes holding it (ss's users:(…)). */
    record Listener(String local, String process) {}

    private static List<Listener> listening() throws Exception {
        Run r = run(List.of("ss", "-ltnpH"), Map.of());
        assertThat(r.exit()).as("ss: %s", r.err()).isZero();
        // State Recv-Q Send-Q Local:Port Peer:Port [Process]
        return r.out().lines().map(l -> l.trim().split("\\s+", 6))
                .map(c -> new Listener(c[3], c.length > 5 ? c[5] : "")).toList();
    }

    /** The port from the agent's "listening on http://127.0.0.1:PORT" line in its log file. */
    private static int awaitPort(Process agent, Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        for (int i = 0; i < 600 && agent.isAlive(); i++) {
            Matcher m = listening.matcher(read(log));
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(100);
        }
        throw new AssertionError("the installed agent did not start:\n" + read(log));
    }

    private static Path onlyDeb() throws IOException {
        try (Stream<Path> s = Files.list(DEB_DIR)) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("keybridge_.*\\.deb")).toList();
            assertThat(debs).as("build-deb.sh's package in %s", DEB_DIR).hasSize(1);
            return debs.get(0);
        }
    }

    record Run(int exit, String out, String err) {}

    /** dpkg, waiting while another dpkg or apt holds the lock (an apt-get of another build on this machine). */
    private static Run dpkg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        Run r = null;
        for (int i = 0; i < 60; i++) {
            r = run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"));
            if (r.exit() == 0 || !r.err().contains("lock")) return r;
            Thread.sleep(2000);
        }
        return r;
    }

    static Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("keybridge-package-test", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not end in 120 s");
            }
            return new Run(p.exitValue(), out, read(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", ROOT.toString()));
        cmd.addAll(List.of(args));
        try {
            Run r = run(cmd, Map.of());
            return r.exit() == 0 ? r.out().trim() : null;
        } catch (IOException e) {
            return null; // no git
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
