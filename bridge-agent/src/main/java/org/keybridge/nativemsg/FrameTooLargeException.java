package org.keybridge.nativemsg;

import java.io.IOException;

/** A frame over the limit: an inbound length prefix (its body is never read) or an outbound message. */
public final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long length;
    private final int limit;

    public FrameTooLargeException(long length, int limit) {
        super("native-messaging frame of " + length + " bytes is over the limit of " + limit + " bytes");
        this.length = length;
        this.limit = limit;
    }

    public long length() { return length; }

    public int limit() { return limit; }
}
