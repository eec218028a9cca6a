package org.keybridge.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.core.AgentCore;

/**
 * The localhost bridge: the JDK's HttpServer (no HTTP parsing of our own) bound to 127.0.0.1 only, so no other
 * machine can reach it, with a small fixed pool of request threads (a USB key does one thing at a time anyway) and
 * the event streams on threads of their own.
 */
public final class BridgeServer implements AutoCloseable {
    /** 127.0.0.1 by number: never a wildcard address, and never whatever "localhost" resolves to. */
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    /**
     * @param port TCP port; 0 picks a free one (tests), see {@link #port()}
     * @param threads request threads
     * @param ratePerSecond requests per second per origin (token bucket refill)
     * @param rateBurst requests an origin may make at once
     * @param heartbeat comment line on idle event streams (keeps proxies and the client's timeout from closing them,
     *                  and finds clients that went away)
     * @param maxEventStreams event streams open at once, all origins together
     */
    public record Options(int port, int threads, double ratePerSecond, int rateBurst, Duration heartbeat, int maxEventStreams) {
        public static Options defaults() {
            return new Options(KeyBridgeConfig.DEFAULT_BRIDGE_PORT, 4, 10, 20, Duration.ofSeconds(15), 16);
        }

        public Options withPort(int p) { return new Options(p, threads, ratePerSecond, rateBurst, heartbeat, maxEventStreams); }

        public Options withRateLimit(double perSecond, int burst) {
            return new Options(port, threads, perSecond, burst, heartbeat, maxEventStreams);
        }

        public Options withHeartbeat(Duration d) { return new Options(port, threads, ratePerSecond, rateBurst, d, maxEventStreams); }

        public Options withMaxEventStreams(int n) { return new Options(port, threads, ratePerSecond, rateBurst, heartbeat, n); }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final EventStreams streams;

    private BridgeServer(HttpServer server, ExecutorService pool, EventStreams streams) {
        this.server = server;
        this.pool = pool;
        this.streams = streams;
    }

    /** Binds and starts; a port in use gives a {@link java.net.BindException}. */
    public static BridgeServer start(AgentCore core, Options options) throws IOException {
        // TCP_NODELAY on accepted sockets: without it a small JSON answer can wait for the client's delayed ACK
        // (tens of milliseconds per request on keep-alive connections). Read once, when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), options.port()), 0);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "keybridge-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EventStreams streams = new EventStreams(core.events(), options.heartbeat(), options.maxEventStreams());
        int port = server.getAddress().getPort();
        server.createContext("/", new BridgeHandler(core, new RequestGuard(port, core.origins()),
                new RateLimiter(options.ratePerSecond(), options.rateBurst()), streams));
        server.setExecutor(pool);
        server.start();
        return new BridgeServer(server, pool, streams);
    }

    /** The address actually bound (always 127.0.0.1). */
    public InetSocketAddress address() { return server.getAddress(); }

    public int port() { return server.getAddress().getPort(); }

    int openEventStreams() { return streams.openCount(); }

    /** Ends the event streams, closes every connection, stops the threads. */
    @Override
    public void close() {
        streams.close();
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
