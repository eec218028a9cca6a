package org.keybridge.nativemsg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the browsers' native-messaging frames: a 32-bit length in the machine's byte order (little-endian on x86 and
 * ARM), then that many bytes of UTF-8 JSON. A length over the limit is refused from the prefix alone: the body is
 * never read into memory.
 */
public final class FrameReader {
    private final InputStream in;
    private final int limit;
    private final ByteOrder order;

    public FrameReader(InputStream in) { this(in, NativeMessaging.MAX_INBOUND, ByteOrder.nativeOrder()); }

    public FrameReader(InputStream in, int limit, ByteOrder order) {
        this.in = in;
        this.limit = limit;
        this.order = order;
    }

    /**
     * The next frame's body, or null when the input ended cleanly between frames (the browser closed the port).
     *
     * @throws FrameTooLargeException the length prefix is over the limit (nothing more is read)
     * @throws EOFException the input ended inside a frame
     */
    public byte[] read() throws IOException {
        byte[] prefix = in.readNBytes(4);
        if (prefix.length == 0) return null;
        if (prefix.length < 4) throw new EOFException("input ended inside a length prefix (" + prefix.length + " of 4 bytes)");
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(prefix).order(order).getInt());
        if (length > limit) throw new FrameTooLargeException(length, limit);
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) throw new EOFException("input ended inside a frame (" + body.length + " of " + length + " bytes)");
        return body;
    }
}
