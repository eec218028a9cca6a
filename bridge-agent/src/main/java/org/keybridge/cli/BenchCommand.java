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
    double seconds = 2;

    @Option(names = "--rounds", paramLabel = "N", description = "rounds per side, alternating (default ${DEFAULT-VALUE})")
    int rounds = 3;

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
                    double[] ours = new double[rounds], base = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        base[r] = runNative(p11bench, keys, t, c.nativeMechanism());
                        ours[r] = runDriver(driver, t, c.alg());
                        if (!json) System.err.printf("  %s round %d: driver %.0f/s, native %.0f/s%n", c.name(), r + 1, ours[r], base[r]);
                    }
                    double v = median(ours), b = median(base);
                    results.add(new Result(c.name(), "signatures/s", round1(v), round1(b), Math.round(v / b * 1000) / 1000.0));
                }
            }
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(results));
            } else {
                System.out.printf("%-22s %14s %14s %8s%n", "benchmark", "token-driver", "native C loop", "ratio");
                for (Result r : results) {
                    System.out.printf("%-22s %12.1f/s %12.1f/s %7.3fx%n", r.name(), r.value(), r.baseline(), r.ratio());
                }
                System.out.println("(median of " + rounds + " alternating rounds of " + seconds + " s, same SoftHSM key, one thread)");
            }
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private double runDriver(TokenDriver driver, DemoKeys.DemoToken t, SignatureAlgorithm alg) {
        byte[] data = new byte[32];
        Arrays.fill(data, (byte) 7);
        try (SigningSession s = driver.login(t.certificateId(), r -> t.userPin().toCharArray())) {
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warmEnd) s.sign(alg, data);
            long start = System.nanoTime(), end = start + (long) (seconds * 1e9), now;
            int n = 0;
            do {
                s.sign(alg, data);
                n++;
                now = System.nanoTime();
            } while (now < end);
            return n / ((now - start) / 1e9);
        }
    }

    private double runNative(Path p11bench, DemoKeys.DemoKeySet keys, DemoKeys.DemoToken t, String mechanism)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(p11bench.toString(), keys.library(), t.label(), t.userPin(), "01", mechanism,
                Double.toString(seconds), "1");
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
