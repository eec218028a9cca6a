package org.keybridge.nativemsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stdio framing: 32-bit native-order length + UTF-8 JSON, 8 KiB in, 1 MiB out. */
class NativeMessagingFramingTest {
    private static byte[] frame(ByteOrder order, int length, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).order(order).putInt(length).put(body).array();
    }

    @Test
    void roundTripKeepsUtf8AndFrameBoundaries() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(sink);
        List<String> sent = List.of("{\"version\":\"0.1.0\"}", "{\"label\":\"社保CA 地税CA\"}", "{}", "");
        for (String s : sent) w.write(s);
        FrameReader r = new FrameReader(new ByteArrayInputStream(sink.toByteArray()));
        List<String> got = new ArrayList<>();
        for (byte[] f; (f = r.read()) != null; ) got.add(new String(f, StandardCharsets.UTF_8));
        assertThat(got).containsExactlyElementsOf(sent);
        // 社保CA is 3 characters of 3 bytes each plus 2 ASCII: the length counts bytes, not chars
        assertThat(sink.size()).isEqualTo(sent.stream().mapToInt(s -> 4 + s.getBytes(StandardCharsets.UTF_8).length).sum());
    }

    @Test
    void lengthIsLittleEndianOnThisMachine() throws IOException {
        assertThat(ByteOrder.nativeOrder()).as("x86 and ARM Linux are little-endian").isEqualTo(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] body = "x".repeat(0x0201).getBytes(StandardCharsets.US_ASCII);
        new FrameWriter(sink).write(body);
        assertThat(Arrays.copyOf(sink.toByteArray(), 4)).containsExactly(0x01, 0x02, 0x00, 0x00);
        byte[] le = frame(ByteOrder.LITTLE_ENDIAN, body.length, body);
        assertThat(new FrameReader(new ByteArrayInputStream(le)).read()).isEqualTo(body);
    }

    @Test
    void byteOrderIsAParameterForOtherMachines() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        new FrameWriter(sink, NativeMessaging.MAX_OUTBOUND, ByteOrder.BIG_ENDIAN).write(new byte[258]);
        assertThat(Arrays.copyOf(sink.toByteArray(), 4)).containsExactly(0, 0, 1, 2);
        assertThat(new FrameReader(new ByteArrayInputStream(sink.toByteArray()), NativeMessaging.MAX_INBOUND, ByteOrder.BIG_ENDIAN)
                .read()).hasSize(258);
    }

    @Test
    void inboundLimitIs8KiBAndTheBodyOfALargerFrameIsNeverRead() throws IOException {
        byte[] max = new byte[NativeMessaging.MAX_INBOUND];
        assertThat(new FrameReader(new ByteArrayInputStream(frame(ByteOrder.nativeOrder(), max.length, max))).read())
                .hasSize(8192);

        for (long length : new long[] {8193, 1 << 20, 0x7fffffffL, 0xffffffffL}) {
            byte[] prefix = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) length).array();
            // after the prefix, a stream that fails the test if anything reads it
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(prefix), new InputStream() {
                @Override
                public int read() { throw new AssertionError("the body of an over-size frame was read"); }
            });
            assertThatThrownBy(() -> new FrameReader(in).read())
                    .isInstanceOfSatisfying(FrameTooLargeException.class, e -> {
                        assertThat(e.length()).isEqualTo(length);
                        assertThat(e.limit()).isEqualTo(8192);
                    });
        }
    }

    @Test
    void outboundLimitIs1MiBAndNothingIsWrittenBeyondIt() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(sink);
        w.write(new byte[NativeMessaging.MAX_OUTBOUND]);
        assertThat(sink.size()).isEqualTo(4 + (1 << 20));
        sink.reset();
        assertThatThrownBy(() -> w.write(new byte[NativeMessaging.MAX_OUTBOUND + 1])).isInstanceOf(FrameTooLargeException.class);
        assertThat(sink.size()).isZero();
    }

    @Test
    void truncatedFramesAreEofErrorsNotMessages() {
        byte[] body = "{\"command\":\"status\"}".getBytes(StandardCharsets.UTF_8);
        byte[] whole = frame(ByteOrder.nativeOrder(), body.length, body);
        for (int cut : new int[] {1, 3, 4, 5, whole.length - 1}) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(part)).read())
                    .as("cut after %d bytes", cut).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void endOfInputBetweenFramesIsACleanEnd() throws IOException {
        assertThat(new FrameReader(InputStream.nullInputStream()).read()).isNull();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        FrameReader r = new FrameReader(new ByteArrayInputStream(frame(ByteOrder.nativeOrder(), 2, body)));
        assertThat(r.read()).isEqualTo(body);
        assertThat(r.read()).isNull();
        assertThat(r.read()).isNull();
    }

    @Test
    void framesFromManyThreadsNeverInterleave() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(new java.io.OutputStream() {
            // byte by byte, to give interleaving every chance
            @Override
            public void write(int b) { sink.write(b); }

            @Override
            public void write(byte[] b, int off, int len) { for (int i = 0; i < len; i++) write(b[off + i]); }
        });
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        w.write("{\"thread\":" + id + ",\"n\":" + i + ",\"pad\":\"" + "p".repeat(i) + "\"}");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        FrameReader r = new FrameReader(new ByteArrayInputStream(sink.toByteArray()));
        Set<String> seen = new HashSet<>();
        for (byte[] f; (f = r.read()) != null; ) {
            String s = new String(f, StandardCharsets.UTF_8);
            assertThat(s).matches("\\{\"thread\":\\d,\"n\":\\d+,\"pad\":\"p*\"}");
            seen.add(s.substring(0, s.indexOf(",\"pad\"")));
        }
        assertThat(seen).hasSize(8 * 200);
    }
}
