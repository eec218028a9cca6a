package org.keybridge.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher {@code bin/keybridge} (and other commands such as openssl) as a separate process and
 * captures its exit status, stdout and stderr, with a timeout. For the integration tests (*IT) only.
 */
final class Cli {
    private Cli() {}

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The repository root: the system property keybridge.root (set by the parent pom), or an ancestor holding bin/keybridge. */
    static final Path ROOT = findRoot();

    static final Path LAUNCHER = ROOT.resolve("bin/keybridge");

    /** What a process did. */
    record Result(List<String> command, int exit, String out, String err, Duration elapsed) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit " + exit + " after " + elapsed.toMillis() + " ms\n--- stdout:\n" + out
                    + "--- stderr:\n" + err;
        }
    }

    /** {@code bin/keybridge ARGS…} with the default timeout. */
    static Result keybridge(String... args) {
        return keybridge(DEFAULT_TIMEOUT, args);
    }

    static Result keybridge(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        return run(timeout, cmd);
    }

    /** Any command, e.g. openssl; fails the test if it does not end within {@code timeout}. */
    static Result run(Duration timeout, List<String> command) {
        Path out = null, err = null;
        try {
            out = Files.createTempFile("keybridge-it", ".out");
            err = Files.createTempFile("keybridge-it", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // the launcher runs "$JAVA_HOME/bin/java" or java from PATH: prefer the JDK running this build
            pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Result r = new Result(List.copyOf(command), done ? p.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), elapsed);
            if (!done) fail("timed out after " + timeout + ": " + r);
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                if (out != null) Files.deleteIfExists(out);
                if (err != null) Files.deleteIfExists(err);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
    }

    static Result run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    private static Path findRoot() {
        Path start = Path.of(System.getProperty("keybridge.root", ".")).toAbsolutePath().normalize();
        // keybridge.root is maven.multiModuleProjectDirectory: the module's own directory when Maven runs in bridge-agent/
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/keybridge"))) return p;
        }
        throw new IllegalStateException("no bin/keybridge in " + start + " or above (system property keybridge.root)");
    }
}
