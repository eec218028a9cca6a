package org.keybridge.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
