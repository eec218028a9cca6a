package org.keybridge.ui.assistant;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker thread for everything that touches the keys (never the event thread: a USB key can take seconds), with
 * the answer handed back on the event thread. One thread, so the window's operations reach a key one at a time.
 */
final class Background implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Background.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread th = new Thread(r, "keybridge-assistant-worker");
        th.setDaemon(true);
        return th;
    });

    /** Runs {@code work} on the worker, then {@code done} or {@code failed} on the event thread; completes after that. */
    <T> CompletableFuture<Void> run(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        worker.execute(() -> {
            T value;
            try {
                value = work.get();
            } catch (RuntimeException | Error thrown) {
                RuntimeException e = thrown instanceof RuntimeException r ? r : new IllegalStateException(thrown.toString(), thrown);
                log.debug("assistant operation failed: {}", e.toString());
                SwingUtilities.invokeLater(() -> {
                    try {
                        failed.accept(e);
                    } finally {
                        f.complete(null);
                    }
                });
                return;
            }
            SwingUtilities.invokeLater(() -> {
                try {
                    done.accept(value);
                } finally {
                    f.complete(null);
                }
            });
        });
        return f;
    }

    @Override
    public void close() { worker.shutdownNow(); }
}
