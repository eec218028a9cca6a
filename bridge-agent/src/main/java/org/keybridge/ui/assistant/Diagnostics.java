package org.keybridge.ui.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;

/**
 * What the Drivers tab shows and hands to IT staff: the doctor's findings with their fixes, each module's library
 * version, the installed driver bundles, and the diagnostic bundle — never a PIN, a private key or a certificate's
 * body. Both calls are slow (modules are probed in child processes): call them off the event thread.
 */
public interface Diagnostics {
    /** One finding: OK, WARNING or ERROR (upper case), what was found, and how to fix it (null when nothing to do). */
    record Finding(String severity, String text, String fix) {}

    /**
     * @param moduleVersions library version by module name, where a probe read it (C_GetInfo)
     * @param drivers installed driver bundles, one line each ("model: version in use (previous)")
     * @param fullDoctor whether the findings come from the full diagnosis ({@code keybridge doctor})
     */
    record Report(List<Finding> findings, Map<String, String> moduleVersions, List<String> drivers, boolean fullDoctor) {
        public Report {
            findings = List.copyOf(findings);
            moduleVersions = Map.copyOf(moduleVersions);
            drivers = List.copyOf(drivers);
        }
    }

    Report diagnose(Locale locale, List<ModuleState> modules, List<Token> tokens);

    /** Writes the diagnostic bundle and returns where. */
    Path writeBundle(Locale locale, List<ModuleState> modules, List<Token> tokens) throws IOException;

    /** The module's installed file: size and modification date, the only version a bare path tells. */
    static String fileVersion(String library) {
        try {
            Path p = Path.of(library).toRealPath();
            return p.getFileName() + " · " + Files.size(p) + " B · " + Files.getLastModifiedTime(p).toInstant().toString().substring(0, 10);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A bundle's file name: keybridge-diagnostic-YYYYMMDD-HHMMSS with the extension given. */
    static Path bundlePath(Path dir, String extension) {
        return dir.resolve("keybridge-diagnostic-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + extension);
    }

    /** Without a doctor: no findings, and a text bundle of the modules and keys as listed. */
    static Diagnostics basic(String version, Path bundleDir) {
        return new Diagnostics() {
            @Override public Report diagnose(Locale locale, List<ModuleState> modules, List<Token> tokens) {
                return new Report(List.of(), Map.of(), List.of(), false);
            }

            @Override public Path writeBundle(Locale locale, List<ModuleState> modules, List<Token> tokens) throws IOException {
                Files.createDirectories(bundleDir);
                Path f = bundlePath(bundleDir, ".txt");
                Files.writeString(f, text(version, modules, tokens), StandardCharsets.UTF_8);
                return f;
            }
        };
    }

    /** Names, versions, flags and dates of the modules and keys; nothing secret. */
    static String text(String version, List<ModuleState> modules, List<Token> tokens) {
        List<String> l = new ArrayList<>();
        l.add("KeyBridge " + version + " diagnostic (no PINs, no private data)");
        l.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        l.add("java: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
        for (ModuleState m : modules) {
            String f = fileVersion(m.library());
            l.add("module " + m.name() + ": " + m.library() + (f == null ? " (file missing)" : " [" + f + "]")
                    + (m.loaded() ? " loaded" : " NOT LOADED: " + m.error()));
        }
        if (tokens.isEmpty()) l.add("tokens: none present");
        for (Token t : tokens) {
            l.add("token " + t.label() + " (" + t.module() + ", slot " + t.slotId() + "): " + t.manufacturer() + " "
                    + t.model() + ", PIN " + t.minPinLength() + ".." + t.maxPinLength() + ", flags " + t.pinState().ordered());
            for (TokenCertificate c : t.certificates()) {
                l.add("  certificate " + c.id().substring(0, 16) + "…: issuer " + c.issuer() + ", " + c.notBefore() + " .. "
                        + c.notAfter() + ", " + c.status() + ", " + c.keyType() + " " + c.keySize()
                        + (c.hasPrivateKey() ? ", key present" : ", NO KEY"));
            }
        }
        return String.join("\n", l) + "\n";
    }
}
