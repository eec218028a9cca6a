package org.keybridge.nativemsg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes native-messaging frames (32-bit native-order length + UTF-8 JSON), each whole and flushed, one at a time:
 * answers, pushed events and errors from different threads never interleave. Over-size messages are refused before a
 * byte is written.
 */
public final class FrameWriter {
    private final int limit;
    private final ByteOrder order;
    private OutputStream out;

    public FrameWriter(OutputStream out) { this(out, NativeMessaging.MAX_OUTBOUND, ByteOrder.nativeOrder()); }

    public FrameWriter(OutputStream out, int limit, ByteOrder order) {
        this.out = out;
        this.limit = limit;
        this.order = order;
    }

    public synchronized void write(byte[] json) throws IOException {
        if (json.length > limit) throw new FrameTooLargeException(json.length, limit);
        byte[] frame = ByteBuffer.allocate(4 + json.length).order(order).putInt(json.length).put(json).array();
        out.write(frame);
        out.flush();
    }

    public void write(String json) throws IOException { write(json.getBytes(StandardCharsets.UTF_8)); }

    /**
     * Moves the channel to the stream {@code open} returns, while no frame is being written (see {@link StdoutGuard}).
     * When {@code open} fails the channel stays where it was.
     */
    synchronized void redirect(StreamOpener open) throws IOException {
        out.flush();
        out = open.open();
    }

    interface StreamOpener {
        OutputStream open() throws IOException;
    }
}
