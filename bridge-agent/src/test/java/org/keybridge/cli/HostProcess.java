package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A native-messaging host as the browser runs it: a real process, frames on its stdin and stdout. Every byte it writes
 * to stdout is parsed as a frame ({@link #assertOnlyFrames}); stderr goes to a file.
 */
final class HostProcess implements AutoCloseable {
    static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One message from the host and when it arrived (ms since the process was started). */
    record Frame(JsonNode json, long atMillis) {}

    final Process process;
    final long started = System.nanoTime();
    private final OutputStream stdin;
    private final Path stderr;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final StringBuilder junk = new StringBuilder();
    private final Thread reader;
    private long stdoutBytes;

    HostProcess(List<String> command) throws IOException {
        stderr = Files.createTempFile("keybridge-native-host", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(Cli.ROOT.toFile()).redirectError(stderr.toFile());
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        stdin = process.getOutputStream();
        reader = new Thread(this::readStdout, "host-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void readStdout() {
        try (InputStream in = process.getInputStream()) {
            while (true) {
                byte[] prefix = in.readNBytes(4);
                stdoutBytes += prefix.length;
                if (prefix.length == 0) return;
                if (prefix.length < 4) {
                    junkf("stdout ended inside a length prefix: %d bytes", prefix.length);
                    return;
                }
                long len = Integer.toUnsignedLong(ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt());
                if (len > 1 << 20) {
                    junkf("not a frame: length %d; bytes %s", len, new String(prefix, StandardCharsets.ISO_8859_1));
                    return;
                }
                byte[] body = in.readNBytes((int) len);
                stdoutBytes += body.length;
                if (body.length < len) {
                    junkf("stdout ended inside a frame: %d of %d bytes", body.length, len);
                    return;
                }
                long at = (System.nanoTime() - started) / 1_000_000;
                try {
                    frames.add(new Frame(STRICT.readTree(body), at));
                } catch (IOException e) {
                    junkf("frame is not JSON: %s", new String(body, StandardCharsets.UTF_8));
                    return;
                }
            }
        } catch (IOException e) {
            junkf("reading stdout: %s", e);
        }
    }

    private synchronized void junkf(String format, Object... args) { junk.append(String.format(format, args)).append('\n'); }

    void send(Object message) throws IOException { sendRaw(HostProcess.STRICT.writeValueAsBytes(message)); }

    void sendRaw(byte[] body) throws IOException { sendFrame(body.length, body); }

    void sendFrame(int length, byte[] body) throws IOException {
        stdin.write(ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(length).put(body).array());
        stdin.flush();
    }

    Frame next() throws InterruptedException { return next(Duration.ofSeconds(30)); }

    Frame next(Duration timeout) throws InterruptedException {
        Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) fail("no message from the host within " + timeout + "\n" + this);
        return f;
    }

    void closeStdin() throws IOException { stdin.close(); }

    /** Waits for the exit; fails the test if it takes longer than {@code timeout}. */
    int exit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) fail("host still running after " + timeout + "\n" + this);
        return process.exitValue();
    }

    /** After the exit: stdout held frames and nothing else, each of them read above. */
    void assertOnlyFrames() throws InterruptedException {
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        synchronized (this) {
            assertThat(junk.toString()).as("stdout must carry only native-messaging frames\n%s", this).isEmpty();
        }
        assertThat(stdoutBytes).isPositive();
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() { return "--- host stderr:\n" + stderr(); }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }



}
