package org.keybridge.cli;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back when the resident agent falls idle: once per burst of activity, after {@code idleMillis} without
 * an operation, a full GC (the heap shrinks to its free-ratio bounds) and glibc's malloc_trim (the native side:
 * PKCS#11 modules, OpenSSL and JNA allocate there). An agent that waits all day for the next login should not hold
 * what its last busy minute needed.
 */
final class IdleTrimmer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdleTrimmer.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keybridge-idle-trim");
        t.setDaemon(true);
        return t;
    });
    private long trimmedAfter = -1;

    IdleTrimmer(LongSupplier lastOperationNanos, long idleMillis) {
        timer.scheduleWithFixedDelay(() -> {
            long last = lastOperationNanos.getAsLong();
            if (last != trimmedAfter && System.nanoTime() - last > idleMillis * 1_000_000L) {
                trimmedAfter = last;
                trim();
            }
        }, idleMillis, Math.max(250, idleMillis / 2), TimeUnit.MILLISECONDS);
    }

    static void trim() {
        System.gc();
        if (Platform.isLinux() && !Platform.isAndroid()) {
            try {
                NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("malloc_trim").invokeInt(new Object[] {0});
            } catch (UnsatisfiedLinkError e) {
                log.debug("no malloc_trim (not glibc): {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
