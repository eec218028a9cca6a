package org.keybridge.pcsc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the PC/SC readers on a thread of its own and reports readers and cards coming and going. Event-driven:
 * the thread sleeps in SCardGetStatusChange (readers plus the {@code \\?PnP?\Notification} pseudo-reader, so a
 * reader plugged in wakes it too) and pcscd wakes it on a change. Without a PC/SC service it retries every
 * {@code retry}; when the service stops, every reader it knew is reported removed.
 */
public final class PcscWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PcscWatcher.class);
    /** How long one wait may block: bounds how late {@link #close()} takes effect. */
    private static final long WAIT_MILLIS = 500;

    private final Consumer<ReaderEvent> listener;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean available;
    private volatile Map<String, CardReader> readers = Map.of();
    /** The first look is the baseline: what is already there at start is not an event. */
    private final CountDownLatch firstLook = new CountDownLatch(1);

    public PcscWatcher(Consumer<ReaderEvent> listener, Duration retry) {
        this.listener = Objects.requireNonNull(listener);
        this.retry = retry;
        this.thread = new Thread(this::run, "keybridge-pcsc-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    public PcscWatcher(Consumer<ReaderEvent> listener) { this(listener, Duration.ofSeconds(1)); }

    /** The readers as last seen. */
    public List<CardReader> readers() { return List.copyOf(readers.values()); }

    /** Waits until the watcher has looked once (readers listed, or the service found missing); false on timeout. */
    public boolean awaitFirstLook(Duration timeout) throws InterruptedException {
        return firstLook.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the PC/SC service answered the last time the watcher asked. */
    public boolean serviceAvailable() { return available; }

    private void run() {
        while (!closed) {
            try (Pcsc pcsc = Pcsc.open()) {
                available = true;
                while (!closed) {
                    update(pcsc.readers());
                    pcsc.waitForChange(WAIT_MILLIS);
                }
            } catch (RuntimeException e) { // PCSC_UNAVAILABLE, or the service stopped under us
                if (available) log.info("PC/SC service unavailable: {}", e.getMessage());
                available = false;
                update(List.of());
                sleep(retry.toMillis());
            }
        }
    }

    private void update(List<CardReader> now) {
        long t = System.nanoTime();
        Map<String, CardReader> next = new LinkedHashMap<>();
        for (CardReader r : now) next.put(r.name(), r);
        Map<String, CardReader> before = readers;
        if (firstLook.getCount() > 0) {
            readers = next;
            firstLook.countDown();
            return;
        }
        for (CardReader old : before.values()) {
            CardReader cur = next.get(old.name());
            if (cur == null) {
                if (old.cardPresent()) emit(ReaderEvent.Kind.CARD_REMOVED, old, t);
                emit(ReaderEvent.Kind.READER_REMOVED, old, t);
            } else if (old.cardPresent() && (!cur.cardPresent() || !Objects.equals(old.atr(), cur.atr()))) {
                emit(ReaderEvent.Kind.CARD_REMOVED, old, t);
            }
        }
        for (CardReader cur : next.values()) {
            CardReader old = before.get(cur.name());
            if (old == null) emit(ReaderEvent.Kind.READER_ADDED, cur, t);
            if (cur.cardPresent() && (old == null || !old.cardPresent() || !Objects.equals(old.atr(), cur.atr()))) {
                emit(ReaderEvent.Kind.CARD_INSERTED, cur, t);
            }
        }
        readers = next;
    }

    private void emit(ReaderEvent.Kind kind, CardReader reader, long t) {
        try {
            listener.accept(new ReaderEvent(kind, reader, t));
        } catch (RuntimeException e) {
            log.debug("reader event listener failed: {}", e.toString());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the thread (within about half a second, the longest a wait blocks). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
