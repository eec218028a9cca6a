package org.keybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.keybridge.nativemsg.HostManifests;

/**
 * The installed Debian package's benchmarks (README: "Installing KeyBridge"), run by {@code bench} only when the
 * package is installed ({@code packaging/bench.sh} installs it for the run): the sizes of the .deb and of the installed
 * tree, and the installed native host's cold start — started from the installed Chromium manifest's path as the
 * browser starts it — to its first message, against the development launcher {@code bin/keybridge native-host}.
 */
final class PackageBench {
    static final Path INSTALL_DIR = Path.of("/opt/keybridge");
    static final Path CHROMIUM_MANIFEST = Path.of("/etc/chromium/native-messaging-hosts", HostManifests.MANIFEST_FILE);
    private static final String CALLER = "chrome-extension://" + HostManifests.KEYBRIDGE_EXTENSION_ID + "/";

    private final Path home;
    private final boolean verbose;

    PackageBench(Path home, boolean verbose) {
        this.home = home;
        this.verbose = verbose;
    }

    static boolean installed() { return Files.isRegularFile(CHROMIUM_MANIFEST) && Files.isDirectory(INSTALL_DIR); }

    List<BenchCommand.Result> run(int rounds) throws Exception {
        List<BenchCommand.Result> out = new ArrayList<>();
        Path deb = builtDeb();
        long jars = bytes(home.resolve("bridge-agent/target/lib")) + bytes(home.resolve("bridge-agent/target")
                .resolve("keybridge-bridge-agent-" + VersionCommand.version() + ".jar"));
        if (deb != null) {
            // baseline: the application's own jars, what a package that needs a system Java would ship
            out.add(ratio("package.deb.bytes", "bytes", Files.size(deb), jars));
        }
        // baseline: the JDK this bench runs on, the runtime a package without jlink would need
        out.add(ratio("package.installed.bytes", "bytes", bytes(INSTALL_DIR), bytes(Path.of(System.getProperty("java.home")))));
        out.add(coldStart(rounds));
        return out;
    }

    /** Adjacent pairs: the installed host, then the development launcher, each to its first frame. */
    private BenchCommand.Result coldStart(int rounds) throws Exception {
        JsonNode manifest = Json.MAPPER.readTree(CHROMIUM_MANIFEST.toFile());
        String installed = manifest.get("path").asText();
        String dev = home.resolve("bin/keybridge").toString();
        double[] host = new double[rounds], base = new double[rounds], ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            host[r] = toFirstFrame(List.of(installed, CALLER));
            base[r] = toFirstFrame(List.of(dev, "native-host", CALLER));
            ratio[r] = host[r] / base[r];
            if (verbose) System.err.printf("  package.native-host.cold-start round %d: installed %.0f ms, bin/keybridge %.0f ms, ratio %.2f%n",
                    r + 1, host[r], base[r], ratio[r]);
        }
        return new BenchCommand.Result("package.native-host.cold-start", "ms", round1(BenchCommand.median(host)),
                round1(BenchCommand.median(base)), Math.round(BenchCommand.median(ratio) * 1000) / 1000.0);
    }

    private static double toFirstFrame(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] len = new DataInputStream(p.getInputStream()).readNBytes(4);
        long t1 = System.nanoTime();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        if (len.length < 4) throw new IOException(command.get(0) + " sent no message");
        return (t1 - t0) / 1e6;
    }

    /** packaging/target/keybridge_*.deb when it was built. */
    private Path builtDeb() throws IOException {
        Path dir = home.resolve("packaging/target");
        if (!Files.isDirectory(dir)) return null;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("keybridge_.*\\.deb")).findFirst().orElse(null);
        }
    }

    /** Bytes of the regular files under a directory (a file: its size), symbolic links not followed. */
    static long bytes(Path p) throws IOException {
        if (!Files.exists(p)) return 0;
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static BenchCommand.Result ratio(String name, String unit, double value, double baseline) {
        return new BenchCommand.Result(name, unit, value, baseline, Math.round(value / baseline * 1000) / 1000.0);
    }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }
}
