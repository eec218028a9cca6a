package org.keybridge.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.io.HttpService;
import org.apache.hc.core5.http.io.HttpServerRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.keybridge.config.KeyBridgeConfig;
import org.keybridge.core.AgentCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The localhost bridge, on httpcore5's classic server (its HTTP parsing, not ours), bound to 127.0.0.1 only so no
 * other machine can reach it. Each connection is served by its own thread with blocking reads and writes: a request is
 * read, checked, done and answered (head and body in one write) on that thread, with no hand-off between a selector
 * thread and a worker pool. Connections are capped; a connection idle for a while is closed.
 */
public final class BridgeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeServer.class);
    /** 127.0.0.1 by number: never a wildcard address, and never whatever "localhost" resolves to. */
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    /** A kept-alive connection with no request for this long is closed (its thread ends). */
    private static final Timeout IDLE = Timeout.ofSeconds(30);

    /**
     * @param port TCP port; 0 picks a free one (tests), see {@link #port()}
     * @param maxConnections connections open at once (each has its thread); more wait to be accepted
     * @param ratePerSecond requests per second per origin (token bucket refill)
     * @param rateBurst requests an origin may make at once
     * @param heartbeat comment line on idle event streams (keeps proxies and the client's timeout from closing them,
     *                  and finds clients that went away)
     * @param maxEventStreams event streams open at once, all origins together
     * @param requestDeadline from a request's first byte, the time its head and body have to arrive
     */
    public record Options(int port, int maxConnections, double ratePerSecond, int rateBurst, Duration heartbeat,
                          int maxEventStreams, Duration requestDeadline) {
        public static Options defaults() {
            return new Options(KeyBridgeConfig.DEFAULT_BRIDGE_PORT, 32, 10, 20, Duration.ofSeconds(15), 16, Duration.ofSeconds(10));
        }

        public Options withPort(int p) {
            return new Options(p, maxConnections, ratePerSecond, rateBurst, heartbeat, maxEventStreams, requestDeadline);
        }

        public Options withRateLimit(double perSecond, int burst) {
            return new Options(port, maxConnections, perSecond, burst, heartbeat, maxEventStreams, requestDeadline);
        }

        public Options withHeartbeat(Duration d) {
            return new Options(port, maxConnections, ratePerSecond, rateBurst, d, maxEventStreams, requestDeadline);
        }

        public Options withMaxEventStreams(int n) {
            return new Options(port, maxConnections, ratePerSecond, rateBurst, heartbeat, n, requestDeadline);
        }

        public Options withMaxConnections(int n) {
            return new Options(port, n, ratePerSecond, rateBurst, heartbeat, maxEventStreams, requestDeadline);
        }

        public Options withRequestDeadline(Duration d) {
            return new Options(port, maxConnections, ratePerSecond, rateBurst, heartbeat, maxEventStreams, d);
        }
    }

    private final HttpServer server;
    private final EventStreams streams;

    private BridgeServer(HttpServer server, EventStreams streams) {
        this.server = server;
        this.streams = streams;
    }

    /** Binds and starts; a port in use gives a {@link java.net.BindException}. */
    public static BridgeServer start(AgentCore core, Options options) throws IOException {
        InetAddress loopback = InetAddress.getByAddress(LOOPBACK);
        EventStreams streams = new EventStreams(core.events(), options.heartbeat(), options.maxEventStreams());
        RequestGuard guard = new RequestGuard(core.origins());
        // the Host check needs the port, known once bound: told by the socket before its first accept
        LimitedServerSocketFactory sockets = new LimitedServerSocketFactory(options.maxConnections(), options.requestDeadline(), guard::bound);
        BridgeHandler handler = new BridgeHandler(core, guard, new RateLimiter(options.ratePerSecond(), options.rateBurst()), streams);
        HttpServerRequestHandler adapter = (request, trigger, context) -> serve(handler, request, trigger);
        // Date, Content-Length or chunked, Connection: nothing that checks or rewrites the request (Host is ours to check)
        HttpProcessor processor = HttpProcessorBuilder.create()
                .addAll(new ResponseDate(), new ResponseContent(), new ResponseConnControl()).build();
        Http1Config http1 = Http1Config.custom().setMaxLineLength(8 * 1024).setMaxHeaderCount(64).build();
        HttpService service = new HttpService(processor, adapter, http1, DefaultConnectionReuseStrategy.INSTANCE, null);
        SocketConfig socket = SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(IDLE).setSoReuseAddress(false)
                .setBacklogSize(50).build();
        HttpServer server = new HttpServer(options.port(), service, loopback, socket, sockets, null, null, null, new Errors());
        server.start();
        return new BridgeServer(server, streams);
    }

    /** One request through the bridge's checks, and its answer: a body in one write, or an event stream. */
    private static void serve(BridgeHandler handler, ClassicHttpRequest request,
                              HttpServerRequestHandler.ResponseTrigger trigger) throws HttpException, IOException {
        HttpEntity entity = request.getEntity();
        BridgeExchange ex = new BridgeExchange(request.getMethod(), request.getRequestUri(), name -> values(request, name),
                entity == null ? null : entity.getContent());
        handler.handle(ex);
        ClassicHttpResponse response = new BasicClassicHttpResponse(ex.status() < 0 ? 500 : ex.status());
        for (Map.Entry<String, String> h : ex.responseHeaders().entrySet()) response.setHeader(h.getKey(), h.getValue());
        // a body left unread (a request refused before its body) would be taken for the next request: close instead
        if (entity != null && !ex.bodyRead()) response.setHeader("Connection", "close");
        BridgeExchange.Stream stream = ex.streamed();
        if (stream == null) {
            if (ex.answer() != null) response.setEntity(new ByteArrayEntity(ex.answer(), null));
            trigger.submitResponse(response);
            return;
        }
        try {
            response.setEntity(new StreamEntity(stream));
            trigger.submitResponse(response);
        } finally {
            stream.finished();
        }
    }

    private static String[] values(ClassicHttpRequest request, String name) {
        Header[] headers = request.getHeaders(name);
        String[] out = new String[headers.length];
        for (int i = 0; i < headers.length; i++) out[i] = headers[i].getValue();
        return out;
    }

    /** An event stream's body: chunked, written while it lasts. */
    private static final class StreamEntity extends AbstractHttpEntity {
        private final BridgeExchange.Stream stream;

        StreamEntity(BridgeExchange.Stream stream) {
            super((String) null, null, true);
            this.stream = stream;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException { stream.writeTo(out); }

        @Override
        public java.io.InputStream getContent() { throw new UnsupportedOperationException("written, not read"); }

        @Override
        public long getContentLength() { return -1; }

        @Override
        public boolean isRepeatable() { return false; }

        @Override
        public boolean isStreaming() { return true; }

        @Override
        public void close() { }
    }

    /** Connections that end badly (a client gone, a malformed request) are the client's business: debug only. */
    private static final class Errors implements ExceptionListener {
        @Override
        public void onError(Exception e) { log.debug("bridge: {}", e.toString()); }

        @Override
        public void onError(HttpConnection connection, Exception e) { log.debug("bridge connection: {}", e.toString()); }
    }

    /** The address actually bound (always 127.0.0.1). */
    public InetSocketAddress address() { return new InetSocketAddress(server.getInetAddress(), server.getLocalPort()); }

    public int port() { return server.getLocalPort(); }

    int openEventStreams() { return streams.openCount(); }

    /** Ends the event streams, closes every connection, stops the threads. */
    @Override
    public void close() {
        streams.close();
        server.initiateShutdown();
        try {
            server.awaitTermination(TimeValue.of(2, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close(CloseMode.IMMEDIATE);
    }
}
