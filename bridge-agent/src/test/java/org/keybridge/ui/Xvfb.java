package org.keybridge.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private Xvfb server for one test class, on the first free display number from :90 up. */
public final class Xvfb implements AutoCloseable {
    private final Process process;
    private final int number;

    private Xvfb(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    public String display() { return ":" + number; }

    public static Xvfb start(Path log) throws IOException, InterruptedException {
        String exe = executable();
        Files.createDirectories(log.getParent());
        for (int n = 90; n < 190; n++) {
            if (Files.exists(socket(n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) continue;
            Process p = new ProcessBuilder(exe, ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < end && p.isAlive() && !Files.exists(socket(n))) Thread.sleep(50);
            if (p.isAlive() && Files.exists(socket(n))) return new Xvfb(p, n);
            p.destroy(); // lost a race for that number, or it failed: try the next one
            p.waitFor(5, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("could not start Xvfb on any display :90..:189; see " + log);
    }

    /**
     * Runs {@code mainClass} in a child JVM on this display with this JVM's class path and the JVM options given
     * (AWT reads DISPLAY once, when its toolkit starts); its output goes to {@code log}. Returns the exit status.
     */
    public int runJava(Class<?> mainClass, List<String> jvmOptions, List<String> args, Path log, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8", "-Djava.awt.headless=false"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DISPLAY", display());
        pb.environment().remove("XAUTHORITY");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass.getSimpleName() + " did not finish in " + timeoutSeconds + " s; see " + log);
        }
        return p.exitValue();
    }

    private static Path socket(int n) { return Path.of("/tmp/.X11-unix/X" + n); }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "Xvfb");
            if (Files.isExecutable(p)) return p.toString();
        }
        if (Files.isExecutable(Path.of("/usr/bin/Xvfb"))) return "/usr/bin/Xvfb";
        throw new IllegalStateException("Xvfb is not installed: run scripts/setup.sh (Debian package xvfb)");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
