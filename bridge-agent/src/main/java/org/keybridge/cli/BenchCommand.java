package org.keybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.keybridge.demo.DemoKeys;
import org.keybridge.portal.bench.ValidationBench;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.sunpkcs11.SunPkcs11Config;
import org.keybridge.format.KeyType;
import org.keybridge.token.Token;
import org.keybridge.token.DriverOptions;
import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.token.SigningSession;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keybridge bench [--json]}: signatures per second through token-driver against a native C loop
 * (C_SignInit + C_Sign) over the same SoftHSM module and the same key, measured in one run, rounds alternating so that
 * drift of the machine hits both sides alike.
 */
@Command(name = "bench", description = "Benchmarks: token-driver signing against a native PKCS#11 loop on the same key; the agent;"
        + " portal-kit's token validation against a bare signature verification.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print a list of {name, unit, value, baseline, ratio}")
    boolean json;

    @Option(names = "--seconds", paramLabel = "S", description = "measured seconds per round (default ${DEFAULT-VALUE})")
    double seconds = 1;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds per side, alternating (default ${DEFAULT-VALUE})")
    int rounds = 7;

    @Option(names = "--agent", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also measure the agent over HTTP, the native host's cold start and the agent's memory (default: ${DEFAULT-VALUE})")
    boolean agent = true;

    @Option(names = "--package", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "when the Debian package is installed: its sizes and its native host's cold start (default: ${DEFAULT-VALUE})")
    boolean packaged = true;

    @Option(names = "--signing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure signing against the native loop (default: ${DEFAULT-VALUE})")
    boolean signing = true;

    @Option(names = "--portal", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also measure portal-kit's token validation against a bare signature verification (default: ${DEFAULT-VALUE})")
    boolean portal = true;

    @Option(names = "--browser", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "measure the browser extension's status round trip in headless Chromium (default: ${DEFAULT-VALUE})")
    boolean browser = true;

    @Option(names = "--module", paramLabel = "LIB", description = "SoftHSM2 module (default: ${DEFAULT-VALUE})")
    String module = DemoKeys.DEFAULT_SOFTHSM;

    /** One benchmark result, as {@code bench --json} prints it. */
    record Result(String name, String unit, double value, double baseline, double ratio) {}

    private record Case(String name, String tokenLabel, SignatureAlgorithm alg, String nativeMechanism) {}

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("keybridge-bench");
        try {
            Path p11bench = nativeBench();
            Path skfsoft = p11bench.resolveSibling("libskfsoft.so"), sm2bench = p11bench.resolveSibling("sm2bench");
            boolean sm2 = Files.isRegularFile(skfsoft) && Files.isExecutable(sm2bench);
            DemoKeys.DemoKeySet keys = DemoKeys.create(dir, module, sm2 ? skfsoft.toString() : null, Instant.now());
            List<Case> cases = List.of(
                    new Case("sign.RS256.rsa2048", DemoKeys.SOCIAL_SECURITY_LABEL, SignatureAlgorithm.RS256, "sha256-rsa-pkcs"),
                    new Case("sign.PS256.rsa2048", DemoKeys.SOCIAL_SECURITY_LABEL, SignatureAlgorithm.PS256, "sha256-rsa-pss"),
                    new Case("sign.ES256.p256", DemoKeys.TAX_LABEL, SignatureAlgorithm.ES256, "ecdsa"));
            List<Result> results = new ArrayList<>();
            if (agent) {
                // before any pinning: the agent and the host are processes of their own
                results.addAll(new AgentBench(Path.of(System.getProperty("keybridge.home", ".")), dir, keys, !json)
                        .run(Math.max(3, rounds)));
            }
            if (packaged && PackageBench.installed()) {
                results.addAll(new PackageBench(Path.of(System.getProperty("keybridge.home", ".")), !json).run(Math.max(3, rounds)));
            } else if (packaged && !json) {
                System.err.println("(package.* not measured: the Debian package is not installed; packaging/bench.sh installs it for a run)");
            }
            if (browser) {
                ExtensionBench ext = new ExtensionBench(Path.of(System.getProperty("keybridge.home", ".")), !json);
                String missing = ext.missing();
                if (missing == null) results.addAll(ext.run(Math.max(3, rounds)));
                else System.err.println("bench: extension round trip skipped: " + missing);
            }
            if (signing) try (TokenDriver driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults())) {
                for (Case c : cases) {
                    DemoKeys.DemoToken t = keys.token(c.tokenLabel());
                    try (SigningSession s = driver.login(t.certificateId(), r -> t.userPin().toCharArray())) {
                        results.add(pairs(c.name(), () -> s.sign(c.alg(), DATA), p11bench, keys, t, c.nativeMechanism()));
                    }
                }
                if (sm2) results.add(sm2Skf(keys, sm2bench));
                // the JCA path for comparison (the design choice in README): SunPKCS11 over a copy of the same module
                for (Case c : List.of(cases.get(0), cases.get(2))) {
                    DemoKeys.DemoToken t = keys.token(c.tokenLabel());
                    Signature jca = sunPkcs11Signer(driver, keys, t, c.alg(), dir);
                    results.add(pairs(c.name() + ".sunpkcs11", () -> {
                        jca.update(DATA);
                        jca.sign();
                    }, p11bench, keys, t, c.nativeMechanism()));
                }
            }
            if (portal) {
                // in-process, software keys: a portal server's cost, measured beside the agent's figures
                for (ValidationBench.Row r : new ValidationBench(seconds, rounds).run()) {
                    results.add(new Result(r.name(), r.unit(), r.value(), r.baseline(), r.ratio()));
                }
            }
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(results));
            } else {
                System.out.printf("%-32s %12s %12s %8s  %s%n", "benchmark", "measured", "baseline", "ratio", "unit");
                for (Result r : results) {
                    System.out.printf("%-32s %12.1f %12.1f %7.3fx  %s%n", r.name(), r.value(), r.baseline(), r.ratio(), r.unit());
                }
                System.out.println("baselines: sign.* the native C loop on the same key (sign.SM2SM3.skf: OpenSSL's SM2 on the UKey's key file); agent.authenticate.http the same login+sign"
                        + " in-process (agent.authenticate.http-floor: that login+sign behind a bare httpcore5 server in a"
                        + " process of its own, what any HTTP round trip costs here); native-host.cold-start a bare Java Hello-World; agent.rss.after1000 an idle bare JVM;"
                        + " package.deb.bytes the application's jars; package.installed.bytes the JDK running the bench;"
                        + " package.native-host.cold-start bin/keybridge native-host;"
                        + " portal.validate.* a bare signature verification of the same key and bytes"
                        + "; extension.status.roundtrip the same page and extension with a bare node echo host");
                System.out.println("(medians of " + rounds + " adjacent pairs of " + seconds + " s rounds; ratio = median of the pairs' ratios; same SoftHSM key, one thread"
                        + (pinned ? ", both sides on CPU " + CPU : ", not pinned") + ")");
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Both sides run on the same CPU: on this kind of VM an unpinned process that migrates between the two vCPUs
     * signs up to a third slower (measured: native RSA 1100/s unpinned, 1450-1690/s pinned), which would swamp a 10 %
     * difference between the sides.
     */
    private static final int CPU = 0;
    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    private boolean pinned;

    /**
     * Pins the calling thread to {@code cpu} and every other thread of this JVM (JIT, GC, …) to the other CPUs, so
     * that only the measured work runs where the native loop runs. Linux only (sched_setaffinity); elsewhere nothing
     * is pinned and the output says so.
     */
    private static boolean pinThisThread(int cpu) {
        if (!com.sun.jna.Platform.isLinux() || CPUS < 2) return false;
        try {
            com.sun.jna.Function setaffinity = com.sun.jna.NativeLibrary.getInstance("c").getFunction("sched_setaffinity");
            int self = com.sun.jna.NativeLibrary.getInstance("c").getFunction("gettid").invokeInt(new Object[0]);
            com.sun.jna.Memory only = mask(cpu, true), others = mask(cpu, false);
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    int tid = Integer.parseInt(task.getFileName().toString());
                    if (tid != self) setaffinity.invokeInt(new Object[] {tid, new com.sun.jna.NativeLong(128), others});
                }
            }
            int rc = setaffinity.invokeInt(new Object[] {0, new com.sun.jna.NativeLong(128), only});
            return rc == 0 && new ProcessBuilder("taskset", "-V").start().waitFor() == 0;
        } catch (Exception | UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static com.sun.jna.Memory mask(int cpu, boolean onlyThis) {
        com.sun.jna.Memory m = new com.sun.jna.Memory(128);
        m.clear();
        for (int c = 0; c < CPUS; c++) {
            if ((c == cpu) == onlyThis) m.setByte(c / 8, (byte) (m.getByte(c / 8) | (1 << (c % 8))));
        }
        return m;
    }

    private static final byte[] DATA = new byte[32];

    /** One signature of the side being measured. */
    private interface SignOnce {
        void run() throws Exception;
    }

    /**
     * SM2SM3 through the SKF path (JNA binding, Z and e in Java, SKF_ECCSignData of the software UKey) against a bare
     * OpenSSL SM2 sign loop ({@code native/build/sm2bench}) over the very key file the UKey's container holds.
     */
    private Result sm2Skf(DemoKeys.DemoKeySet keys, Path sm2bench) throws Exception {
        DemoKeys.DemoToken t = keys.token(org.keybridge.demo.DemoSkfKey.LABEL);
        Path keyFile = keys.skfStore().resolve(org.keybridge.demo.DemoSkfKey.DEVICE)
                .resolve(org.keybridge.demo.DemoSkfKey.APPLICATION).resolve(org.keybridge.demo.DemoSkfKey.CONTAINER)
                .resolve("sign.key");
        try (TokenDriver skf = TokenDriver.open(List.of(), List.of(keys.skfSpec()), DriverOptions.defaults());
             SigningSession s = skf.login(t.certificateId(), r -> t.userPin().toCharArray())) {
            return pairs("sign.SM2SM3.skf", () -> s.sign(SignatureAlgorithm.SM2SM3, DATA), () -> {
                List<String> cmd = new ArrayList<>();
                if (pinned) cmd.addAll(List.of("taskset", "-c", Integer.toString(CPU)));
                cmd.addAll(List.of(sm2bench.toString(), keyFile.toString(), Double.toString(seconds), "0.3"));
                return perSecond(new ProcessBuilder(cmd));
            });
        }
    }

    /** Warm-up, then {@code rounds} adjacent pairs (native round, then ours); medians and the median pair ratio. */
    private Result pairs(String name, SignOnce ours, Path p11bench, DemoKeys.DemoKeySet keys, DemoKeys.DemoToken t,
                         String nativeMechanism) throws Exception {
        return pairs(name, ours, () -> runNative(p11bench, keys, t, nativeMechanism));
    }

    /** One round of the baseline: signatures per second. */
    private interface NativeRound {
        double run() throws Exception;
    }

    private Result pairs(String name, SignOnce ours, NativeRound nativeRound) throws Exception {
        if (!pinned) pinned = pinThisThread(CPU); // once: afterwards this thread sees one CPU only
        double[] value = new double[rounds], base = new double[rounds], ratio = new double[rounds];
        measure(ours, 1.0); // JIT warm-up
        for (int r = 0; r < rounds; r++) {
            // adjacent pairs: this VM's speed drifts by tens of percent within seconds, a pair's ratio does not
            base[r] = nativeRound.run();
            value[r] = measure(ours, seconds);
            ratio[r] = value[r] / base[r];
            if (!json) System.err.printf("  %s round %d: %.0f/s, native %.0f/s, ratio %.3f%n", name, r + 1, value[r], base[r], ratio[r]);
        }
        return new Result(name, "signatures/s", round1(median(value)), round1(median(base)), Math.round(median(ratio) * 1000) / 1000.0);
    }

    /** Signatures per second over {@code secs} seconds. */
    private static double measure(SignOnce op, double secs) throws Exception {
        long start = System.nanoTime(), end = start + (long) (secs * 1e9), now;
        int n = 0;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    /** A JCA Signature from a SunPKCS11 provider configured by {@code config sunpkcs11}'s code for this token. */
    private static Signature sunPkcs11Signer(TokenDriver driver, DemoKeys.DemoKeySet keys, DemoKeys.DemoToken t,
                                             SignatureAlgorithm alg, Path dir) throws Exception {
        // a copy of the library: SunPKCS11 must not share (and never finalizes) the module instance the driver owns
        Path copy = dir.resolve("libsofthsm2-sunpkcs11.so");
        if (!Files.exists(copy)) Files.copy(Path.of(keys.library()), copy);
        Token token = driver.tokens().stream().filter(x -> x.label().equals(t.label())).findFirst().orElseThrow();
        ModuleSpec spec = new ModuleSpec("bench", copy.toString(), keys.moduleSpec().environment());
        Path cfg = dir.resolve("sunpkcs11-" + token.serialNumber() + ".cfg");
        Files.writeString(cfg, SunPkcs11Config.forToken(spec, token), StandardCharsets.UTF_8);
        Provider p = Security.getProvider("SunPKCS11").configure(cfg.toString());
        KeyStore ks = KeyStore.getInstance("PKCS11", p);
        ks.load(null, t.userPin().toCharArray());
        String alias = ks.getCertificateAlias(t.certificate());
        PrivateKey key = (PrivateKey) ks.getKey(alias, null);
        Signature sig = Signature.getInstance(alg.hash().replace("-", "") + (alg.keyType() == KeyType.EC ? "withECDSA" : "withRSA"), p);
        sig.initSign(key);
        return sig;
    }

    private double runNative(Path p11bench, DemoKeys.DemoKeySet keys, DemoKeys.DemoToken t, String mechanism)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (pinned) cmd.addAll(List.of("taskset", "-c", Integer.toString(CPU)));
        cmd.addAll(List.of(p11bench.toString(), keys.library(), t.label(), t.userPin(), "01", mechanism,
                Double.toString(seconds), "0.3"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SOFTHSM2_CONF", keys.softhsmConf().toString());
        return perSecond(pb);
    }

    /** Runs a native loop that prints {"perSecond": …}. */
    private static double perSecond(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("native bench failed: " + out);
        JsonNode n = Json.MAPPER.readTree(out);
        return n.get("perSecond").asDouble();
    }

    /** native/build/p11bench under the KeyBridge home, built with make if it is not there yet. */
    static Path nativeBench() throws IOException, InterruptedException {
        String home = System.getProperty("keybridge.home", System.getProperty("keybridge.root", "."));
        Path nativeDir = Path.of(home, "native");
        Path bin = nativeDir.resolve("build/p11bench");
        if (!Files.isExecutable(bin)) {
            Process p = new ProcessBuilder("make", "-s", "-C", nativeDir.toString()).inheritIO().start();
            if (p.waitFor() != 0 || !Files.isExecutable(bin)) throw new IOException("cannot build " + bin + " (needs gcc, libp11-kit-dev)");
        }
        return bin;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
