package org.keybridge.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keybridge.nativemsg.HostManifests;
import org.keybridge.nativemsg.HostManifests.Browser;

/**
 * The native-messaging host manifests, per browser, where {@code install-native-host} writes them (per user and
 * system-wide), and that the program each names can run. A browser that is not on this machine and has no manifest
 * is left out.
 */
final class NativeHostCheck {
    final List<Finding> findings = new ArrayList<>();

    NativeHostCheck(DoctorSettings s) {
        DoctorTexts t = s.texts();
        HostManifests.Layout user = HostManifests.user(s.home()), system = HostManifests.system(s.systemRoot());
        for (Browser b : Browser.values()) {
            Path manifest = Files.isRegularFile(user.manifests().get(b)) ? user.manifests().get(b)
                    : Files.isRegularFile(system.manifests().get(b)) ? system.manifests().get(b) : null;
            Map<String, String> d = new LinkedHashMap<>();
            d.put("browser", b.name().toLowerCase(java.util.Locale.ROOT));
            if (manifest == null) {
                if (present(b, s)) findings.add(t.finding("nativehost.manifest", Severity.WARNING, "host.missing", d, title(b)));
                continue;
            }
            d.put("manifest", manifest.toString());
            String program = program(manifest);
            if (program == null || !Files.isExecutable(Path.of(program))) {
                findings.add(t.finding("nativehost.manifest", Severity.ERROR, "host.broken", d, title(b), String.valueOf(program)));
            } else {
                d.put("path", program);
                findings.add(t.finding("nativehost.manifest", Severity.OK, "host.installed", d, title(b)));
            }
        }
    }

    private static String program(Path manifest) {
        try {
            JsonNode path = new ObjectMapper().readTree(manifest.toFile()).get("path");
            return path == null || !path.isTextual() ? null : path.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** Installed on this machine: its program, or the user's profile folder, is there. */
    private static boolean present(Browser b, DoctorSettings s) {
        List<String> programs = switch (b) {
            case CHROMIUM -> List.of("usr/bin/chromium", "usr/bin/chromium-browser", "snap/bin/chromium");
            case CHROME -> List.of("usr/bin/google-chrome", "usr/bin/google-chrome-stable", "opt/google/chrome/chrome");
            case EDGE -> List.of("usr/bin/microsoft-edge", "usr/bin/microsoft-edge-stable", "opt/microsoft/msedge/msedge");
            case FIREFOX -> List.of("usr/bin/firefox", "usr/bin/firefox-esr", "usr/lib/firefox/firefox", "snap/bin/firefox");
        };
        if (programs.stream().anyMatch(p -> Files.exists(s.systemRoot().resolve(p)))) return true;
        Path profile = s.home().resolve(switch (b) {
            case CHROMIUM -> ".config/chromium";
            case CHROME -> ".config/google-chrome";
            case EDGE -> ".config/microsoft-edge";
            case FIREFOX -> ".mozilla/firefox";
        });
        return Files.isDirectory(profile);
    }

    static String title(Browser b) {
        return switch (b) {
            case CHROMIUM -> "Chromium";
            case CHROME -> "Google Chrome";
            case EDGE -> "Microsoft Edge";
            case FIREFOX -> "Firefox";
        };
    }
}
