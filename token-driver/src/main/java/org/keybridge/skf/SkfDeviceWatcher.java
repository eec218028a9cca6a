package org.keybridge.skf;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SKF_WaitForDevEvent into callbacks: one daemon thread per library blocks in the wait (outside the module's
 * call lock, as the wait may last forever) and reports each insertion and removal. {@link #close} cancels the wait
 * (SKF_CancelWaitForDevEvent) and ends the thread.
 */
public final class SkfDeviceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SkfDeviceWatcher.class);

    /** A key of {@code module} named {@code deviceName} was inserted ({@code inserted}) or removed. */
    public record Event(String module, String deviceName, boolean inserted) {}

    private final SkfModule module;
    private final Thread thread;
    private volatile boolean closed;

    private SkfDeviceWatcher(SkfModule module, Consumer<Event> listener) {
        this.module = module;
        this.thread = new Thread(() -> run(listener), "skf-events-" + module.spec().name());
        this.thread.setDaemon(true);
    }

    public static SkfDeviceWatcher start(SkfModule module, Consumer<Event> listener) {
        SkfDeviceWatcher w = new SkfDeviceWatcher(module, listener);
        w.thread.start();
        return w;
    }

    private void run(Consumer<Event> listener) {
        SkfLibrary l = module.library();
        while (!closed) {
            SkfLibrary.DevEvent e;
            try {
                e = l.waitForDevEvent();
            } catch (SkfException ex) {
                log.warn("SKF_WaitForDevEvent of {}: {}; device events stop", module.spec().name(), ex.getMessage());
                return;
            }
            if (closed) return;
            if (e.event() != SkfLibrary.EVENT_INSERTED && e.event() != SkfLibrary.EVENT_REMOVED) continue;
            try {
                listener.accept(new Event(module.spec().name(), e.deviceName(), e.event() == SkfLibrary.EVENT_INSERTED));
            } catch (RuntimeException ex) {
                log.warn("device-event listener failed: {}", ex.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        module.library().cancelWaitForDevEvent();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
