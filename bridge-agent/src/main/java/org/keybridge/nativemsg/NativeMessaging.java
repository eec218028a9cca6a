package org.keybridge.nativemsg;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The names and limits of KeyBridge's native-messaging host (README: "Native-messaging host"), and its cold-start
 * path: this class loads nothing beyond java.base (no logging, no JSON), so the hello is out as early as possible.
 */
public final class NativeMessaging {
    private NativeMessaging() {}

    /** The host name in the browsers' manifests and in {@code runtime.connectNative}. */
    public static final String HOST_NAME = "org.keybridge.agent";

    /** Largest request the host reads: 8 KiB (a longer length prefix is refused without reading the body). */
    public static final int MAX_INBOUND = 8 * 1024;

    /** Largest message the host sends: 1 MiB (Chromium's own limit for host-to-browser messages). */
    public static final int MAX_OUTBOUND = 1024 * 1024;

    /**
     * Takes stdout for the protocol: {@code System.out} goes to stderr from now on, and the returned writer is the only
     * one left on the real stdout. The first thing the host does, before any library can print.
     */
    public static FrameWriter takeStdout() {
        System.setOut(System.err);
        return new FrameWriter(new FileOutputStream(FileDescriptor.out));
    }

    /** The host's first message, {@code {"version": "x.y.z"}} (a version that is not SemVer is sent as 0.0.0). */
    public static void hello(FrameWriter out, String version) throws IOException {
        out.write("{\"version\":\"" + (version.matches("[0-9]+\\.[0-9]+\\.[0-9]+[0-9A-Za-z.+-]*") ? version : "0.0.0") + "\"}");
    }
}
