package org.keybridge.http;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.net.ServerSocketFactory;

/**
 * Listening sockets with the bridge's connection limits. At most {@code max} connections at once: the classic server
 * gives each connection a thread, so a flood of connections waits in the backlog rather than making threads; a slot is
 * freed when the connection's socket closes. And a deadline per request: once a request's first byte has arrived, the
 * whole request (head and body) must arrive within {@code requestDeadline}, so a client trickling a byte now and then
 * cannot hold a connection's thread (a timeout per read alone would never fire).
 */
final class LimitedServerSocketFactory extends ServerSocketFactory {
    private final Semaphore slots;
    private final IntConsumer onBound;
    private final long deadlineMillis;

    /** @param onBound told the bound port, before the first connection is accepted */
    LimitedServerSocketFactory(int max, java.time.Duration requestDeadline, IntConsumer onBound) {
        this.slots = new Semaphore(max);
        this.onBound = onBound;
        this.deadlineMillis = requestDeadline.toMillis();
    }

    @Override
    public ServerSocket createServerSocket() throws IOException { return new Limited(); }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException { return bind(new Limited(), port, 50, null); }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bind(new Limited(), port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return bind(new Limited(), port, backlog, address);
    }

    private ServerSocket bind(Limited s, int port, int backlog, InetAddress address) throws IOException {
        try {
            s.bind(new java.net.InetSocketAddress(address, port), backlog);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private final class Limited extends ServerSocket {
        Limited() throws IOException { }

        @Override
        public void bind(java.net.SocketAddress endpoint, int backlog) throws IOException {
            super.bind(endpoint, backlog);
            onBound.accept(getLocalPort());
        }

        @Override
        public Socket accept() throws IOException {
            try {
                while (!slots.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    if (isClosed()) throw new SocketException("Socket is closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SocketException("interrupted");
            }
            Socket s = new Counted();
            try {
                implAccept(s);
            } catch (IOException | RuntimeException e) {
                slots.release();
                throw e;
            }
            return s;
        }
    }

    /**
     * A connection's socket, giving its slot back once closed, whose reads keep the request deadline: the clock starts
     * at the first byte read after an answer was written (or at the connection's first byte) and stops at the next
     * answer. Between requests only the idle timeout the server set applies.
     */
    private final class Counted extends Socket {
        private boolean released;
        private volatile long requestStart = -1;
        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) in = new DeadlineInput(super.getInputStream());
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) out = new AnswerOutput(super.getOutputStream());
            return out;
        }

        /** Reads of a request in progress wait at most until its deadline; reads between requests, the idle timeout. */
        private final class DeadlineInput extends FilterInputStream {
            DeadlineInput(InputStream raw) { super(raw); }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (requestStart < 0) {
                    int n = super.read(b, off, len);
                    if (n > 0) requestStart = System.nanoTime();
                    return n;
                }
                long left = deadlineMillis - (System.nanoTime() - requestStart) / 1_000_000;
                if (left <= 0) throw new SocketTimeoutException("request not complete within " + deadlineMillis + " ms");
                int idle = getSoTimeout();
                setSoTimeout((int) Math.min(left, idle > 0 ? idle : Integer.MAX_VALUE));
                try {
                    return super.read(b, off, len);
                } finally {
                    setSoTimeout(idle);
                }
            }
        }

        /** An answer going out ends the request: the next byte read starts the next one. */
        private final class AnswerOutput extends FilterOutputStream {
            AnswerOutput(OutputStream raw) { super(raw); }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                requestStart = -1;
                out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                requestStart = -1;
                out.write(b);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                if (!released) {
                    released = true;
                    slots.release();
                }
            }
        }
    }
}
