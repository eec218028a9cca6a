package org.keybridge.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A PIN as the UTF-8 bytes a token wants. */
public final class PinBytes {
    private PinBytes() {}

    /** The intermediate buffer is wiped; the caller wipes the char[] and the result. */
    public static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) Arrays.fill(b.array(), (byte) 0);
        return out;
    }
}
