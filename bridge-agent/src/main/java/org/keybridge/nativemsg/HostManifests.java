package org.keybridge.nativemsg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The browsers' host manifests ({@code org.keybridge.agent.json}) and the small wrapper script they point at, per user
 * or system-wide (README: "Native-messaging host"). The wrapper fixes what the browser cannot pass: the launcher, the
 * configuration and the JDK.
 */
public final class HostManifests {
    private HostManifests() {}

    /**
     * The extension id allowed by default: the one Chromium derives from the public key in browser-extension's
     * manifest {@code key} (SHA-256 of the DER key, 32 hex digits mapped 0-f to a-p; a node test checks they agree).
     */
    public static final String KEYBRIDGE_EXTENSION_ID = "fckhcloebmdjflnkpoipffflhjgjccpc";

    /** The Firefox add-on id allowed by default (the extension's {@code browser_specific_settings.gecko.id}). */
    public static final String KEYBRIDGE_FIREFOX_ID = "keybridge@keybridge.org";

    public static final String MANIFEST_FILE = NativeMessaging.HOST_NAME + ".json";
    public static final String WRAPPER_FILE = "keybridge-native-host";
    static final String DESCRIPTION = "KeyBridge agent: USB keys and smart cards for web portals";

    private static final Pattern CHROMIUM_ID = Pattern.compile("[a-p]{32}");
    private static final Pattern FIREFOX_ID = Pattern.compile("[A-Za-z0-9._+-]*@[A-Za-z0-9._-]+|\\{[0-9a-fA-F-]{36}\\}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where each browser looks for host manifests on Linux. */
    public enum Browser {
        CHROMIUM(".config/chromium/NativeMessagingHosts", "etc/chromium/native-messaging-hosts"),
        CHROME(".config/google-chrome/NativeMessagingHosts", "etc/opt/chrome/native-messaging-hosts"),
        EDGE(".config/microsoft-edge/NativeMessagingHosts", "etc/opt/edge/native-messaging-hosts"),
        FIREFOX(".mozilla/native-messaging-hosts", "usr/lib/mozilla/native-messaging-hosts");

        private final String user;
        private final String system;

        Browser(String user, String system) {
            this.user = user;
            this.system = system;
        }

        public boolean firefox() { return this == FIREFOX; }
    }

    /** The files of one installation: the wrapper script and one manifest per browser. */
    public record Layout(Path wrapper, Map<Browser, Path> manifests) {
        public List<Path> files() {
            List<Path> all = new ArrayList<>(manifests.values());
            all.add(wrapper);
            return all;
        }
    }

    /** Per user: manifests under {@code home}, the wrapper in {@code home/.local/share/keybridge/}. */
    public static Layout user(Path home) {
        return layout(home, true, home.resolve(".local/share/keybridge").resolve(WRAPPER_FILE));
    }

    /** System-wide under {@code root} ("/" normally): the wrapper in {@code /usr/local/lib/keybridge/}. */
    public static Layout system(Path root) {
        return layout(root, false, root.resolve("usr/local/lib/keybridge").resolve(WRAPPER_FILE));
    }

    private static Layout layout(Path base, boolean user, Path wrapper) {
        Map<Browser, Path> m = new LinkedHashMap<>();
        for (Browser b : Browser.values()) m.put(b, base.resolve(user ? b.user : b.system).resolve(MANIFEST_FILE));
        return new Layout(wrapper.toAbsolutePath().normalize(), m);
    }

    /** What the wrapper runs. */
    public record Target(Path launcher, Path config, Path pinFile, String javaHome) {}

    /** Writes the wrapper and the four manifests; the files written. */
    public static List<Path> install(Layout layout, Target target, List<String> extensionIds, List<String> firefoxIds)
            throws IOException {
        checkIds(extensionIds, firefoxIds);
        List<Path> written = new ArrayList<>();
        Files.createDirectories(layout.wrapper().getParent());
        Files.writeString(layout.wrapper(), wrapperScript(target), StandardCharsets.UTF_8);
        setMode(layout.wrapper(), "rwxr-xr-x");
        written.add(layout.wrapper());
        written.addAll(writeManifests(layout, layout.wrapper(), extensionIds, firefoxIds));
        return written;
    }

    /**
     * Writes the four manifests for a host executable that exists already (an installed package's own launcher), no
     * wrapper; the files written.
     */
    public static List<Path> installManifests(Layout layout, Path host, List<String> extensionIds, List<String> firefoxIds)
            throws IOException {
        if (!host.isAbsolute()) throw new IllegalArgumentException("the host path must be absolute: " + host);
        checkIds(extensionIds, firefoxIds);
        return writeManifests(layout, host, extensionIds, firefoxIds);
    }

    private static void checkIds(List<String> extensionIds, List<String> firefoxIds) {
        for (String id : extensionIds) {
            if (!CHROMIUM_ID.matcher(id).matches()) throw new IllegalArgumentException("not a Chromium extension id (32 letters a-p): " + id);
        }
        for (String id : firefoxIds) {
            if (!FIREFOX_ID.matcher(id).matches()) throw new IllegalArgumentException("not a Firefox add-on id (name@domain or {uuid}): " + id);
        }
    }

    private static List<Path> writeManifests(Layout layout, Path host, List<String> extensionIds, List<String> firefoxIds)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (var e : layout.manifests().entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", NativeMessaging.HOST_NAME);
            m.put("description", DESCRIPTION);
            m.put("path", host.toString());
            m.put("type", "stdio");
            if (e.getKey().firefox()) {
                m.put("allowed_extensions", List.copyOf(firefoxIds));
            } else {
                m.put("allowed_origins", extensionIds.stream().map(id -> "chrome-extension://" + id + "/").toList());
            }
            Files.createDirectories(e.getValue().getParent());
            Files.writeString(e.getValue(), JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
            setMode(e.getValue(), "rw-r--r--");
            written.add(e.getValue());
        }
        return written;
    }

    /** Removes exactly the wrapper and the manifests (directories stay); the files that were there. */
    public static List<Path> uninstall(Layout layout) throws IOException { return delete(layout.files()); }

    /** Removes exactly the manifests, not the host they point at; the files that were there. */
    public static List<Path> uninstallManifests(Layout layout) throws IOException {
        return delete(List.copyOf(layout.manifests().values()));
    }

    private static List<Path> delete(List<Path> files) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (Path p : files) {
            if (Files.deleteIfExists(p)) removed.add(p);
        }
        return removed;
    }

    static String wrapperScript(Target t) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n")
                .append("# KeyBridge native-messaging host (").append(NativeMessaging.HOST_NAME)
                .append("), started by the browser. Written by: keybridge install-native-host\n");
        if (t.javaHome() != null) {
            // a browser started from the desktop may have no JDK on its PATH: the one that installed the host
            s.append("if [ -z \"${JAVA_HOME:-}\" ]; then JAVA_HOME=").append(quote(t.javaHome()))
                    .append("; export JAVA_HOME; fi\n");
        }
        s.append("exec ").append(quote(t.launcher().toString()));
        if (t.config() != null) s.append(" --config ").append(quote(t.config().toString()));
        s.append(" native-host");
        if (t.pinFile() != null) s.append(" --pin-file ").append(quote(t.pinFile().toString()));
        return s.append(" \"$@\"\n").toString();
    }

    private static String quote(String s) { return "'" + s.replace("'", "'\\''") + "'"; }

    private static void setMode(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
