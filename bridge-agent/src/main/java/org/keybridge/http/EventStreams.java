package org.keybridge.http;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keybridge.core.EventHub;
import org.keybridge.error.ErrorCode;

/**
 * The open event streams, bounded in number. Each is written on its connection's own thread, for as long as it lasts,
 * so long-lived streams never hold up operations on other connections.
 */
final class EventStreams implements AutoCloseable {
    private final EventHub hub;
    private final Duration heartbeat;
    private final Semaphore slots;
    private final Set<SseStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EventStreams(EventHub hub, Duration heartbeat, int max) {
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.slots = new Semaphore(max);
    }

    /** Makes the exchange's answer an event stream, subscribed now: no event is lost before its first write. */
    void open(BridgeExchange exchange, String origin) {
        if (closed || !slots.tryAcquire()) throw new HttpError(429, ErrorCode.BUSY, "too many event streams open");
        SseStream stream = new SseStream(heartbeat);
        AutoCloseable subscription = hub.subscribe(stream::offer);
        open.add(stream);
        AtomicBoolean ended = new AtomicBoolean();
        SseStream.headers(exchange, origin);
        exchange.stream(200, new BridgeExchange.Stream() {
            @Override
            public void writeTo(OutputStream out) {
                if (!closed) stream.run(out);
            }

            @Override
            public void finished() {
                if (!ended.compareAndSet(false, true)) return;
                try {
                    subscription.close();
                } catch (Exception e) {
                    // EventHub's handle only removes a listener
                }
                open.remove(stream);
                slots.release();
            }
        });
    }

    int openCount() { return open.size(); }

    /** Ends every stream; their connections' threads then finish their answers. */
    @Override
    public void close() {
        closed = true;
        open.forEach(SseStream::stop);
    }
}
