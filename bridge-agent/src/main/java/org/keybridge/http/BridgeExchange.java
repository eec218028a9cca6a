package org.keybridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One request and its answer as the bridge's checks see them, apart from the HTTP server underneath: the request's
 * method, path and headers, its body, and the answer being built (status, headers, and a body or an event stream).
 */
final class BridgeExchange {
    /** An answer written while it lasts (an event stream), on the connection's own thread. */
    interface Stream {
        void writeTo(OutputStream out) throws IOException;

        /** Always called once the stream ends or could not start: frees what {@link #writeTo} would have freed. */
        void finished();
    }

    private final String method;
    private final String path;
    private final Function<String, String[]> requestHeaders;
    private final InputStream body;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private int status = -1;
    private byte[] answer;
    private Stream stream;
    private boolean bodyRead;

    /**
     * @param target the request target as sent (path and query); only the path is kept
     * @param requestHeaders every value of a header by name, case-insensitively (empty when absent)
     */
    BridgeExchange(String method, String target, Function<String, String[]> requestHeaders, InputStream body) {
        this.method = method;
        int q = target.indexOf('?');
        this.path = q < 0 ? target : target.substring(0, q);
        this.requestHeaders = requestHeaders;
        this.body = body == null ? InputStream.nullInputStream() : body;
    }

    String method() { return method; }

    /** The raw path, without the query. */
    String path() { return path; }

    /** The header's value when it is present exactly once; null otherwise (two Origin headers are as bad as none). */
    String header(String name) {
        String[] v = requestHeaders.apply(name);
        return v == null || v.length != 1 ? null : v[0];
    }

    /** The body, at most {@code limit} + 1 bytes of it; see {@link JsonBodies#read}. */
    byte[] readBody(int limit) throws IOException {
        byte[] b = body.readNBytes(limit + 1);
        bodyRead = b.length <= limit;
        return b;
    }

    /** Whether the request's body was read to its end (else the connection cannot carry another request). */
    boolean bodyRead() { return bodyRead; }

    void setHeader(String name, String value) { responseHeaders.put(name, value); }

    Map<String, String> responseHeaders() { return responseHeaders; }

    /** The answer: {@code body} null for none (204, or a status alone). */
    void respond(int status, byte[] body) {
        this.status = status;
        this.answer = body;
    }

    /** The answer is an event stream, written by {@code stream} on this connection's thread. */
    void stream(int status, Stream stream) {
        this.status = status;
        this.stream = stream;
    }

    /** -1 while no answer is set. */
    int status() { return status; }

    byte[] answer() { return answer; }

    Stream streamed() { return stream; }
}
