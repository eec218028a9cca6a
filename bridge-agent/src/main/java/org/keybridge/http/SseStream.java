package org.keybridge.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.keybridge.core.AgentEvent;

/**
 * One Server-Sent Events response: events are queued by the publisher (never written on its thread, so a slow client
 * cannot stall the token watcher) and written by the connection's own thread, with a comment line as heartbeat. A
 * write failing means the client went away, and the stream ends.
 */
final class SseStream {
    private static final Object STOP = new Object();
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    /** A client that lets this many events pile up is cut off; EventSource reconnects by itself. */
    private static final int QUEUE = 64;

    private final long heartbeatMillis;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);

    SseStream(Duration heartbeat) {
        this.heartbeatMillis = heartbeat.toMillis();
    }

    /** The answer's headers; the body is {@link #run}. */
    static void headers(BridgeExchange ex, String origin) {
        Responses.common(ex, origin);
        ex.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    }

    /** Called on the publisher's thread: queue only. */
    void offer(AgentEvent event) {
        if (!queue.offer(event)) stop();
    }

    void stop() {
        queue.clear();
        queue.offer(STOP);
    }

    /**
     * Writes until stopped or until the client goes away: first a comment, flushed with the headers so that the client
     * sees the stream open at once, then events and heartbeats.
     */
    void run(OutputStream out) {
        try {
            out.write("retry: 3000\n: keybridge events\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                Object next = queue.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
                if (next == STOP) return;
                out.write(next == null ? HEARTBEAT : frame((AgentEvent) next));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Event names are the core's constants and the data is one line of JSON (Jackson escapes line breaks). */
    static byte[] frame(AgentEvent e) {
        String data = new String(JsonBodies.write(e.data()), StandardCharsets.UTF_8);
        return ("event: " + e.event() + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
