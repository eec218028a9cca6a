package org.keybridge.cli;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.config.ModuleConfig;
import org.keybridge.demo.DemoKeys;
import org.keybridge.format.AuthTokenFormat;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.SigningSession;
import org.keybridge.token.TokenCertificate;
import org.keybridge.token.TokenDriver;

/**
 * The agent's benchmarks, each against a baseline measured in the same run: authenticate over HTTP keep-alive vs the
 * same login + signature in-process; the native-messaging host's cold start vs a bare Java Hello-World; the resident
 * agent's memory after 1,000 operations vs an idle bare JVM.
 */
final class AgentBench {
    private static final String ORIGIN = DemoKeysCommand.DEMO_PORTAL_ORIGIN;
    private final Path home, dir;
    private final DemoKeys.DemoKeySet keys;
    private final Path config, pins;
    private final boolean verbose;
    private final SecureRandom random = new SecureRandom();

    AgentBench(Path home, Path dir, DemoKeys.DemoKeySet keys, boolean verbose) throws IOException {
        this.home = home;
        this.dir = dir;
        this.keys = keys;
        this.verbose = verbose;
        this.config = dir.resolve("config.json");
        this.pins = dir.resolve("pins.json");
        KeyBridgeConfig.of(List.of(new ModuleConfig(DemoKeys.MODULE_NAME, keys.library(), keys.moduleSpec().environment())))
                .withOrigins(List.of(ORIGIN), true).save(config);
        Files.writeString(pins, Json.MAPPER.writeValueAsString(keys.pins()), StandardCharsets.UTF_8);
    }

    List<BenchCommand.Result> run(int rounds) throws Exception {
        List<BenchCommand.Result> out = new ArrayList<>();
        Process agent = start(List.of("--config", config.toString(), "serve", "--port", "0", "--pin-file", pins.toString(),
                "--rate-limit", "10000"));
        try (KeptAlive client = new KeptAlive(awaitPort(agent))) {
            agentClient = client;
            // (c) first, so that it is the memory after exactly 1,000 operations; (a) then runs on a warm agent
            BenchCommand.Result memory = residentMemory(agent);
            out.addAll(authenticateVsInProcess(rounds));
            out.add(memory);
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
            agent.destroyForcibly();
        }
        out.add(coldStart(rounds));
        return out;
    }

    /**
     * (a) median time of one authenticate over HTTP keep-alive vs login+sign+logout through token-driver in-process; and
     * the floor: the same login+sign behind a bare httpcore5 server in a process of its own, vs in-process.
     */
    private List<BenchCommand.Result> authenticateVsInProcess(int rounds) throws Exception {
        DemoKeys.DemoToken tax = keys.token(DemoKeys.TAX_LABEL);
        int perRound = 50;
        double[] viaHttp = new double[rounds], direct = new double[rounds], ratio = new double[rounds];
        double[] floor = new double[rounds], floorRatio = new double[rounds];
        Process floorServer = startFloor(tax);
        try (TokenDriver driver = TokenDriver.open(List.of(copyOfStore("in-process")), DriverOptions.defaults());
             KeptAlive floorClient = new KeptAlive(awaitFloorPort(floorServer))) {
            // the certificate listed once, as the agent takes it from its watcher's last poll: a login by id lists
            // every token per call, a cost the agent does not pay, and would flatter the ratio
            TokenCertificate cert = driver.certificate(tax.certificateId());
            for (int i = 0; i < 300; i++) { // warm-up all three: past the agent's C1 compile thresholds (steady state)
                authenticate();
                loginAndSign(driver, cert, tax);
                floorClient.post("/floor", nonce().getBytes(StandardCharsets.US_ASCII));
            }
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) authenticate();
                long t1 = System.nanoTime();
                for (int i = 0; i < perRound; i++) loginAndSign(driver, cert, tax);
                long t2 = System.nanoTime();
                for (int i = 0; i < perRound; i++) floorClient.post("/floor", nonce().getBytes(StandardCharsets.US_ASCII));
                long t3 = System.nanoTime();
                viaHttp[r] = (t1 - t0) / 1e6 / perRound;
                direct[r] = (t2 - t1) / 1e6 / perRound;
                floor[r] = (t3 - t2) / 1e6 / perRound;
                ratio[r] = viaHttp[r] / direct[r];
                floorRatio[r] = floor[r] / direct[r];
                if (verbose) System.err.printf("  agent.authenticate.http round %d: %.2f ms vs %.2f ms in-process, ratio %.3f"
                        + " (bare HTTP floor %.2f ms, %.3f)%n", r + 1, viaHttp[r], direct[r], ratio[r], floor[r], floorRatio[r]);
            }
        } finally {
            floorServer.getOutputStream().close();
            floorServer.waitFor(5, TimeUnit.SECONDS);
            floorServer.destroyForcibly();
        }
        return List.of(result("agent.authenticate.http", "ms/operation", viaHttp, direct, ratio),
                result("agent.authenticate.http-floor", "ms/operation", floor, direct, floorRatio));
    }

    /** {@link HttpFloor} on its own copy of the store, with the agent's JVM settings (serial GC, C1 only, small heap). */
    private Process startFloor(DemoKeys.DemoToken tax) throws IOException {
        ModuleSpec spec = copyOfStore("floor");
        List<String> cmd = List.of(java(), "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-Xms8m", "-Xmx64m", "-Xmn2m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), HttpFloor.class.getName(),
                spec.library(), spec.environment().get("SOFTHSM2_CONF"), tax.certificateId(), tax.userPin(), ORIGIN);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int awaitFloorPort(Process p) throws IOException {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("port ")) throw new IOException("the HTTP floor did not start: " + line);
        return Integer.parseInt(line.substring(5).trim());
    }

    /**
     * The same tokens in a store of their own for the in-process side. Sharing the agent's store would make the two
     * processes disturb each other: SoftHSM rewrites its token file at every C_Login, and the other process then
     * re-reads it (and once in a while sees it half-written).
     */
    private ModuleSpec copyOfStore(String name) throws IOException {
        Path from = keys.dir().resolve("softhsm/tokens"), to = dir.resolve(name + "/tokens");
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path conf = dir.resolve(name + "/softhsm2.conf").toAbsolutePath();
        Files.writeString(conf, "directories.tokendir = " + to.toAbsolutePath()
                + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
        return new ModuleSpec(DemoKeys.MODULE_NAME, keys.library(), Map.of("SOFTHSM2_CONF", conf.toString()));
    }

    private KeptAlive agentClient;

    /** One authenticate over a kept-alive connection to the agent, as a browser sends it (see {@link KeptAlive}). */
    private void authenticate() throws IOException {
        agentClient.post("/v1/authenticate", ("{\"challengeNonce\":\"" + nonce() + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A kept-alive HTTP/1.1 connection that writes each request whole in one write on a TCP_NODELAY socket and reads the
     * answer by its Content-Length. (The JDK's HttpClient spends ~3 ms of its own per request here, and
     * HttpURLConnection writes headers and body separately without TCP_NODELAY, so Nagle's algorithm holds the body for
     * the server's delayed ACK: either would measure the client, not the server.)
     */
    private static final class KeptAlive implements AutoCloseable {
        private final int port;
        private java.net.Socket socket;
        private java.io.InputStream in;

        KeptAlive(int port) { this.port = port; }

        void post(String path, byte[] body) throws IOException {
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: " + ORIGIN
                    + "\r\nContent-Type: application/json\r\nX-KeyBridge: 1\r\nContent-Length: " + body.length
                    + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            if (socket == null || socket.isClosed()) {
                socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream()); // as a browser reads: not a byte per call
            }
            socket.getOutputStream().write(request);
            String status = null;
            int length = -1;
            for (String line; !(line = readLine(in)).isEmpty(); ) {
                if (status == null) status = line;
                else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(line.substring(15).trim());
            }
            byte[] answer = in.readNBytes(Math.max(0, length));
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                throw new IOException(path + " answered " + status + ": " + new String(answer, StandardCharsets.UTF_8));
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) socket.close();
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    private void loginAndSign(TokenDriver driver, TokenCertificate cert, DemoKeys.DemoToken t) {
        try (SigningSession s = driver.login(cert, r -> t.userPin().toCharArray())) {
            s.sign(SignatureAlgorithm.ES256, AuthTokenFormat.signedData(SignatureAlgorithm.ES256, ORIGIN, nonce()));
        }
    }

    private String nonce() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** (c) the agent's resident set after 1,000 operations and 5 s idle, vs an idle bare JVM. */
    private BenchCommand.Result residentMemory(Process agent) throws Exception {
        for (int i = 0; i < 1000; i++) authenticate();
        // idle: past the agent's idle trim (a full GC and malloc_trim 2-3 s after the last operation)
        Thread.sleep(5000);
        double agentMiB = rssMiB(agent.pid());
        Process bare = new ProcessBuilder(java(), "-cp", jar(), HelloWorld.class.getName(), "--wait").start();
        try {
            new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Thread.sleep(500);
            double bareMiB = rssMiB(bare.pid());
            if (verbose) System.err.printf("  agent.rss.after1000: agent %.1f MiB, bare JVM %.1f MiB%n", agentMiB, bareMiB);
            return new BenchCommand.Result("agent.rss.after1000", "MiB", round1(agentMiB), round1(bareMiB),
                    Math.round(agentMiB / bareMiB * 1000) / 1000.0);
        } finally {
            bare.getOutputStream().close();
            bare.waitFor(5, TimeUnit.SECONDS);
            bare.destroyForcibly();
        }
    }

    /** (b) launch of {@code native-host} to its first {version} message, vs a bare Java Hello-World to its line. */
    private BenchCommand.Result coldStart(int rounds) throws Exception {
        double[] host = new double[rounds], hello = new double[rounds], ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Process p = start(List.of("--config", config.toString(), "native-host", "--pin-file", pins.toString()));
            DataInputStream in = new DataInputStream(p.getInputStream());
            byte[] len = in.readNBytes(4);
            long t1 = System.nanoTime();
            if (len.length < 4) throw new IOException("native-host sent no message");
            p.getOutputStream().close();
            p.waitFor(5, TimeUnit.SECONDS);
            p.destroyForcibly();
            long t2 = System.nanoTime();
            Process h = new ProcessBuilder(java(), "-cp", jar(), HelloWorld.class.getName()).start();
            h.getInputStream().readNBytes(5);
            long t3 = System.nanoTime();
            h.waitFor(5, TimeUnit.SECONDS);
            host[r] = (t1 - t0) / 1e6;
            hello[r] = (t3 - t2) / 1e6;
            ratio[r] = host[r] / hello[r];
            if (verbose) System.err.printf("  native-host.cold-start round %d: %.0f ms vs hello %.0f ms, ratio %.2f%n",
                    r + 1, host[r], hello[r], ratio[r]);
        }
        return result("native-host.cold-start", "ms", host, hello, ratio);
    }

    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/keybridge").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home")));
        return pb.start();
    }

    private static int awaitPort(Process agent) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            var m = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) { /* keep the pipe flowing */ }
                    } catch (IOException ignored) {
                        // agent ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("the agent did not start");
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
        throw new IOException("no VmRSS for " + pid);
    }

    private String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    private String jar() { return home.resolve("bridge-agent/target/keybridge-bridge-agent-0.1.0.jar").toString(); }

    private static BenchCommand.Result result(String name, String unit, double[] v, double[] b, double[] ratio) {
        return new BenchCommand.Result(name, unit, round1(BenchCommand.median(v)), round1(BenchCommand.median(b)),
                Math.round(BenchCommand.median(ratio) * 1000) / 1000.0);
    }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }

}
