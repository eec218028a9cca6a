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
import org.keybridge.demo.DemoKeys;
import org.keybridge.token.DriverOptions;
import org.keybridge.token.SignatureAlgorithm;
import org.keybridge.token.SigningSession;
import org.keybridge.token.TokenDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keybridge bench [--json]}: signatures per second through token-driver against a native C loop
 * (C_SignInit + C_Sign) over the same SoftHSM module and the same key, measured in one run, rounds alternating so that
 * drift of the machine hits both sides alike.
 */
@Command(name = "bench", description = "Benchmarks: token-driver signing against a native PKCS#11 loop on the same key.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print a list of {name, unit, value, baseline, ratio}")
    boolean json;

    @Option(names = "--seconds", paramLabel = "S", description = "measured seconds per round (default ${DEFAULT-VALUE})")
    double seconds = 1;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds per side, alternating (default ${DEFAULT-VALUE})")
    int rounds = 7;

    @Option(names = "--module", paramLabel = "LIB", description = "SoftHSM2 module (default: ${DEFAULT-VALUE})")
    String module = DemoKeys.DEFAULT_SOFTHSM;

    /** One benchmark result, as {@code bench --json} prints it. */
    record Result(String name, String unit, double value, double baseline, double ratio) {}

    private record Case(String name, String tokenLabel, SignatureAlgorithm alg, String nativeMechanism) {}

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("keybridge-bench");
        try {
            DemoKeys.DemoKeySet keys = DemoKeys.create(dir, module, Instant.now());
            Path p11bench = nativeBench();
            List<Case> cases = List.of(
                    new Case("sign.RS256.rsa2048", DemoKeys.SOCIAL_SECURITY_LABEL, SignatureAlgorithm.RS256, "sha256-rsa-pkcs"),
                    new Case("sign.PS256.rsa2048", DemoKeys.SOCIAL_SECURITY_LABEL, SignatureAlgorithm.PS256, "sha256-rsa-pss"),
                    new Case("sign.ES256.p256", DemoKeys.TAX_LABEL, SignatureAlgorithm.ES256, "ecdsa"));
            List<Result> results = new ArrayList<>();
            try (TokenDriver driver = TokenDriver.open(List.of(keys.moduleSpec()), DriverOptions.defaults())) {
                for (Case c : cases) {
                    DemoKeys.DemoToken t = keys.token(c.tokenLabel());
                    double[] ours = new double[rounds], base = new double[rounds], ratio = new double[rounds];
                    try (SigningSession s = driver.login(t.certificateId(), r -> t.userPin().toCharArray())) {
                        pinned = pinThisThread(CPU);
                        measure(s, c.alg(), 1.0); // JIT warm-up
                        for (int r = 0; r < rounds; r++) {
                            // adjacent pairs: this VM's speed drifts by tens of percent within seconds, a pair's ratio does not
                            base[r] = runNative(p11bench, keys, t, c.nativeMechanism());
                            ours[r] = measure(s, c.alg(), seconds);
                            ratio[r] = ours[r] / base[r];
                            if (!json) System.err.printf("  %s round %d: driver %.0f/s, native %.0f/s, ratio %.3f%n",
                                    c.name(), r + 1, ours[r], base[r], ratio[r]);
                        }
                    }
                    results.add(new Result(c.name(), "signatures/s", round1(median(ours)), round1(median(base)),
                            Math.round(median(ratio) * 1000) / 1000.0));
                }
            }
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(results));
            } else {
                System.out.printf("%-22s %14s %14s %8s%n", "benchmark", "token-driver", "native C loop", "ratio");
                for (Result r : results) {
                    System.out.printf("%-22s %12.1f/s %12.1f/s %7.3fx%n", r.name(), r.value(), r.baseline(), r.ratio());
                }
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
    private boolean pinned;

    /** sched_setaffinity(0, …) on Linux pins the calling thread; elsewhere nothing is pinned. */
    private static boolean pinThisThread(int cpu) {
        if (!com.sun.jna.Platform.isLinux()) return false;
        try {
            com.sun.jna.Memory mask = new com.sun.jna.Memory(128);
            mask.clear();
            mask.setByte(cpu / 8, (byte) (1 << (cpu % 8)));
            int rc = com.sun.jna.NativeLibrary.getInstance("c").getFunction("sched_setaffinity")
                    .invokeInt(new Object[] {0, new com.sun.jna.NativeLong(128), mask});
            return rc == 0 && new ProcessBuilder("taskset", "-V").start().waitFor() == 0;
        } catch (Exception | UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Signatures per second on a logged-in session over {@code secs} seconds. */
    private static double measure(SigningSession s, SignatureAlgorithm alg, double secs) {
        byte[] data = new byte[32];
        Arrays.fill(data, (byte) 7);
        long start = System.nanoTime(), end = start + (long) (secs * 1e9), now;
        int n = 0;
        do {
            s.sign(alg, data);
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - start) / 1e9);
    }

    private double runNative(Path p11bench, DemoKeys.DemoKeySet keys, DemoKeys.DemoToken t, String mechanism)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (pinned) cmd.addAll(List.of("taskset", "-c", Integer.toString(CPU)));
        cmd.addAll(List.of(p11bench.toString(), keys.library(), t.label(), t.userPin(), "01", mechanism,
                Double.toString(seconds), "0.3"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SOFTHSM2_CONF", keys.softhsmConf().toString());
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

    private static double median(double[] v) {
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
