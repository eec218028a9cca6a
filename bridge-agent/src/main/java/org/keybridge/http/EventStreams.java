package org.keybridge.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.keybridge.core.EventHub;
import org.keybridge.error.ErrorCode;

/**
 * The open event streams. They live on their own threads, bounded in number, so that long-lived streams never take
 * the request threads that operations need.
 */
final class EventStreams implements AutoCloseable {
    private final EventHub hub;
    private final Duration heartbeat;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventStreams(EventHub hub, Duration heartbeat, int max) {
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.slots = new Semaphore(max);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "keybridge-sse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes over the exchange: on success the stream's thread owns and closes it. */
    void open(HttpExchange exchange, String origin) throws IOException {
        if (closed || !slots.tryAcquire()) throw new HttpError(429, ErrorCode.BUSY, "too many event streams open");
        SseStream stream = new SseStream(exchange, heartbeat);
        AutoCloseable subscription = hub.subscribe(stream::offer); // before the headers: no event lost in between
        open.add(stream);
        Runnable done = () -> {
            try {
                subscription.close();
            } catch (Exception e) {
                // EventHub's handle only removes a listener
            }
            open.remove(stream);
            slots.release();
        };
        try {
            stream.open(origin);
            threads.execute(() -> {
                try {
                    stream.run();
                } finally {
                    done.run();
                }
            });
        } catch (IOException | RuntimeException e) {
            done.run();
            throw e;
        }
    }

    int openCount() { return open.size(); }

    @Override
    public void close() {
        closed = true;
        open.forEach(SseStream::stop);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) threads.shutdownNow();
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
