package org.keybridge.pcsc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The real PC/SC test bed for tests: pcscd with a private vpcd reader pair on free ports and the vicc virtual card
 * in the first reader, through {@code scripts/pcsc-test-env.sh} (which setup.sh's packages make work on a fresh
 * Debian 12). Tests need nothing started beforehand; {@link #close()} stops what {@link #start} started.
 */
public final class PcscTestEnv implements AutoCloseable {
    /** The reader vicc sits in, and the one left for {@link VirtualCard}. */
    public static final String VICC_READER = "Virtual PCD 00 00", FREE_READER = "Virtual PCD 00 01";
    /** vicc's ISO 7816 card (testbed.md §4.3). */
    public static final String VICC_ATR = "3B95138101807" + "3FF01000B";

    /**
     * pcscd is one per machine, and on a developer machine several clones' builds may run these tests at once: each
     * test bed holds this lock from start to close, so they take turns instead of stopping each other's pcscd.
     */
    static final Path LOCK = Path.of("/run/keybridge-test-pcscd.lock");

    private final Path state;
    private final int port;
    private final FileChannel lockFile;
    private final FileLock lock;

    private PcscTestEnv(Path state, int port, FileChannel lockFile, FileLock lock) {
        this.state = state;
        this.port = port;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    public static PcscTestEnv start(Path stateDir) throws IOException, InterruptedException {
        FileChannel ch = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock(); // waits while another build's test bed runs
        try {
            PcscTestEnv env = new PcscTestEnv(stateDir, freePortPair(), ch, lock);
            env.script("start", String.valueOf(env.port));
            return env;
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    /**
     * The machine without the test bed's pcscd, for as long as the returned handle is open (other builds' test beds
     * wait): for tests of what happens when the PC/SC service is not running.
     */
    public static AutoCloseable withoutPcscd(Path stateDir) throws IOException, InterruptedException {
        FileChannel ch = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock();
        PcscTestEnv env = new PcscTestEnv(stateDir, 0, ch, lock);
        try {
            env.stop();
        } catch (IOException | RuntimeException e) {
            env.release();
            throw e;
        }
        return env::release;
    }

    /** vicc's reader port; {@link #FREE_READER} listens on {@code port() + 1}. */
    public int port() { return port; }

    public void stopVicc() throws IOException, InterruptedException { script("vicc-stop"); }

    public void startVicc() throws IOException, InterruptedException { script("vicc-start"); }

    /** Stops pcscd (and vicc); {@link #restart()} brings them back on the same ports. */
    public void stop() throws IOException, InterruptedException { script("stop"); }

    public void restart() throws IOException, InterruptedException { script("start", String.valueOf(port)); }

    public Path stateDir() { return state; }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            release();
        }
    }

    private void release() throws IOException {
        lock.release();
        lockFile.close();
    }

    private void script(String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("keybridge.root", "..")).toAbsolutePath().normalize();
        String[] cmd = new String[args.length + 3];
        cmd[0] = "bash";
        cmd[1] = root.resolve("scripts/pcsc-test-env.sh").toString();
        cmd[2] = args[0];
        cmd[3] = state.toString();
        System.arraycopy(args, 1, cmd, 4, args.length - 1);
        Files.createDirectories(state);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pcsc-test-env.sh " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Two adjacent free TCP ports (vpcd's reader pair listens on PORT and PORT+1). */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket a = new ServerSocket(0)) {
                int p = a.getLocalPort();
                if (p >= 65535) continue;
                try (ServerSocket b = new ServerSocket(p + 1)) {
                    return p;
                } catch (IOException taken) {
                    // try another pair
                }
            }
        }
        throw new IOException("no two adjacent free ports");
    }
}
