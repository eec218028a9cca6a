package org.keybridge.cli;

import java.io.IOException;
import java.util.List;
import org.keybridge.nativemsg.FrameWriter;
import org.keybridge.nativemsg.NativeMessaging;

/**
 * The native host's cold start: when the command line is {@code [--config F] [--lang L] native-host …} (and not a help
 * request), stdout is taken and the hello sent before the command line is parsed — picocli's start-up and opening the
 * other jars are most of the time to the hello, and the browser's page protocol gives status 6 s in all. This class
 * refers to nothing outside target/classes and java.base. Only {@link KeyBridgeCli#main} calls it, never in-process runs.
 */
final class NativeHostStart {
    private NativeHostStart() {}

    private static FrameWriter channel;

    /** The system property of the package's host launcher (keybridge-native-host), which the browser starts directly. */
    static final String LAUNCHER_PROPERTY = "keybridge.launcher";

    /**
     * The command line as the CLI sees it: the package's {@code keybridge-native-host} launcher is the host whatever
     * the browser passes (its origin, or Firefox's manifest path and add-on id), so {@code native-host} goes first.
     */
    static String[] launcherArguments(String[] args) {
        if (!"native-host".equals(System.getProperty(LAUNCHER_PROPERTY))) return args;
        String[] a = new String[args.length + 1];
        a[0] = "native-host";
        System.arraycopy(args, 0, a, 1, args.length);
        return a;
    }

    static void earlyHello(String[] args) {
        if (!isNativeHost(args)) return;
        FrameWriter c = NativeMessaging.takeStdout();
        try {
            NativeMessaging.hello(c, VersionCommand.version());
            channel = c;
        } catch (IOException e) {
            channel = null; // the browser is gone already: NativeHostCommand finds out
        }
    }

    /** The channel the hello went out on, or null when it was not sent yet. */
    static FrameWriter channel() { return channel; }

    static boolean isNativeHost(String[] args) {
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--config") || a.equals("--lang")) i += 2;
            else if (a.startsWith("--config=") || a.startsWith("--lang=")) i++;
            else break;
        }
        if (i >= args.length || !args[i].equals("native-host")) return false;
        for (int j = i + 1; j < args.length; j++) {
            if (List.of("-h", "--help", "-V", "--version").contains(args[j])) return false;
        }
        return true;
    }
}
