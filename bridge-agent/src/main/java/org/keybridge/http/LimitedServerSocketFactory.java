package org.keybridge.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javax.net.ServerSocketFactory;

/**
 * Listening sockets that accept at most {@code max} connections at once: the classic server gives each connection a
 * thread, so a flood of connections must wait in the backlog rather than make threads. A slot is freed when the
 * connection's socket closes.
 */
final class LimitedServerSocketFactory extends ServerSocketFactory {
    private final Semaphore slots;
    private final IntConsumer onBound;

    /** @param onBound told the bound port, before the first connection is accepted */
    LimitedServerSocketFactory(int max, IntConsumer onBound) {
        this.slots = new Semaphore(max);
        this.onBound = onBound;
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

    /** A connection's socket, giving its slot back once closed. */
    private final class Counted extends Socket {
        private boolean released;

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
