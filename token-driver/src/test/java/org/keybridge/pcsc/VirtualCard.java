package org.keybridge.pcsc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.HexFormat;

/**
 * A card inserted into a vpcd reader from inside the test: vpcd's client protocol (2-byte length, then a 1-byte
 * control code — 0 power off, 1 power on, 2 reset, 4 "send the ATR" — or a command APDU). Connecting is the
 * insertion and closing the removal, at instants the test knows exactly, which is what latency needs. Answers
 * 9000 to SELECT and 6D00 to anything else.
 */
public final class VirtualCard implements AutoCloseable {
    private final Socket socket;
    private final long insertedAt;
    private final Thread thread;

    private VirtualCard(Socket socket, byte[] atr) {
        this.socket = socket;
        this.insertedAt = System.nanoTime();
        this.thread = new Thread(() -> serve(atr), "virtual-card");
        thread.setDaemon(true);
        thread.start();
    }

    public static VirtualCard insert(int vpcdPort, String atrHex) throws IOException {
        Socket s = new Socket("127.0.0.1", vpcdPort);
        s.setTcpNoDelay(true);
        return new VirtualCard(s, HexFormat.of().parseHex(atrHex));
    }

    /** {@link System#nanoTime()} at the insertion. */
    public long insertedAt() { return insertedAt; }

    private void serve(byte[] atr) {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (true) {
                byte[] msg = in.readNBytes(in.readUnsignedShort());
                byte[] reply;
                if (msg.length == 1) {
                    if (msg[0] != 4) continue; // power and reset need no answer
                    reply = atr;
                } else {
                    reply = msg.length >= 2 && msg[1] == (byte) 0xA4 ? new byte[] {(byte) 0x90, 0} : new byte[] {0x6D, 0};
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // removed
        }
    }

    /** Removes the card; returns {@link System#nanoTime()} at the removal. */
    public long remove() throws IOException {
        long t = System.nanoTime();
        socket.close();
        return t;
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
