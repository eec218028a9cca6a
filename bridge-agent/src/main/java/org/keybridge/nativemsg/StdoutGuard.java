package org.keybridge.nativemsg;

import com.sun.jna.Function;
import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps everything but protocol off the browser's channel (stdout).
 *
 * <p>{@link NativeMessaging#takeStdout()} (first thing, before any library can print) points {@code System.out} at stderr and hands
 * the real stdout to the protocol only. {@link #protectNative} then does the same at the file-descriptor level, so that
 * native code — a vendor PKCS#11 module that {@code printf}s — cannot corrupt the channel either: the channel moves to a
 * duplicate of fd 1 ({@code dup}) and fd 1 becomes a copy of stderr ({@code dup2(2, 1)}). It runs after the hello, in the
 * background, before any PKCS#11 module is loaded (loading JNA is not on the cold-start path).
 */
public final class StdoutGuard {
    private static final Logger log = LoggerFactory.getLogger(StdoutGuard.class);

    private StdoutGuard() {}

    /**
     * Moves the channel off fd 1, leaving fd 1 a copy of stderr. Unix only; on failure the Java-level redirect stays
     * and the reason is logged.
     *
     * @return whether fd 1 now goes to stderr
     */
    public static boolean protectNative(FrameWriter channel) {
        if (Platform.isWindows()) return false;
        try {
            NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            Function dup = libc.getFunction("dup", Function.THROW_LAST_ERROR);
            Function dup2 = libc.getFunction("dup2", Function.THROW_LAST_ERROR);
            Function write = libc.getFunction("write", Function.THROW_LAST_ERROR);
            channel.redirect(() -> {
                int saved = dup.invokeInt(new Object[] {1});
                dup2.invokeInt(new Object[] {2, 1});
                return new FdOutputStream(write, saved);
            });
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            log.warn("native stdout stays shared with the channel: {}", e.toString());
            return false;
        }
    }

    /** write(2) on a file descriptor, whole buffers, retrying on EINTR and partial writes. */
    private static final class FdOutputStream extends OutputStream {
        private static final int EINTR = 4;
        private final Function write;
        private final int fd;

        FdOutputStream(Function write, int fd) {
            this.write = write;
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] rest = off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
            while (rest.length > 0) {
                long n;
                try {
                    n = ((NativeLong) write.invoke(NativeLong.class, new Object[] {fd, rest, new NativeLong(rest.length)})).longValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR) continue;
                    throw new IOException("write to the browser failed: errno " + e.getErrorCode(), e);
                }
                if (n <= 0) throw new IOException("write to the browser returned " + n);
                rest = Arrays.copyOfRange(rest, (int) n, rest.length);
            }
        }
    }
}
