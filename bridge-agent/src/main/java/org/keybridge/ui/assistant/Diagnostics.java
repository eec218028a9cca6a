package org.keybridge.ui.assistant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keybridge.token.ModuleState;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;

/**
 * What the Drivers tab shows and copies: each configured module with its file, the doctor's findings where a doctor is
 * available, and a diagnostic text for IT staff — never a PIN, a private key or a certificate's body, only names,
 * versions, flags and dates.
 */
public interface Diagnostics {
    /** Findings in plain words in the given language; empty when there is no doctor in this build. */
    List<String> findings(Locale locale);

    /** Whether {@link #findings} comes from a full diagnosis (keybridge doctor). */
    boolean fullDoctor();

    /** The diagnostic text (the "bundle") for these modules and keys. */
    String bundle(List<ModuleState> modules, List<Token> tokens);

    /** The module's installed file: size and modification date, the only version a bare PKCS#11 path tells. */
    static String fileVersion(String library) {
        try {
            Path p = Path.of(library).toRealPath();
            return p.getFileName() + " · " + Files.size(p) + " B · " + Files.getLastModifiedTime(p).toInstant().toString().substring(0, 10);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Modules from the configuration, keys as listed; no doctor. */
    static Diagnostics basic(String version) {
        return new Diagnostics() {
            @Override public List<String> findings(Locale locale) { return List.of(); }

            @Override public boolean fullDoctor() { return false; }

            @Override public String bundle(List<ModuleState> modules, List<Token> tokens) {
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
                            + t.model() + ", serial " + t.serialNumber() + ", PIN " + t.minPinLength() + ".."
                            + t.maxPinLength() + ", flags " + t.pinState().ordered());
                    for (TokenCertificate c : t.certificates()) {
                        l.add("  certificate " + c.id().substring(0, 16) + "…: " + c.subject() + " / " + c.issuer() + ", "
                                + c.notBefore() + " .. " + c.notAfter() + ", " + c.status() + ", " + c.keyType() + " "
                                + c.keySize() + (c.hasPrivateKey() ? ", key present" : ", NO KEY"));
                    }
                }
                return String.join("\n", l) + "\n";
            }
        };
    }
}
