package org.keybridge.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.keybridge.config.json.StrictJson;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.PinDialog;
import org.keybridge.core.UserInteraction;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/**
 * PINs from a file, for automation and tests (never the default): the PIN alone, or a demo-keys {@code pins.json} map
 * from token label to PIN. With several usable certificates it picks the first, as listed.
 */
public final class PinFileInteraction implements UserInteraction {
    private final Map<String, String> byLabel;
    private final String single;

    private PinFileInteraction(Map<String, String> byLabel, String single) {
        this.byLabel = byLabel;
        this.single = single;
    }

    public static PinFileInteraction read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new KeyBridgeException(ErrorCode.BAD_REQUEST, "cannot read PIN file " + file + ": " + e.getMessage());
        }
        if (text.startsWith("{")) {
            Map<String, String> pins = new java.util.HashMap<>();
            try {
                for (var e : StrictJson.readObject(text.getBytes(StandardCharsets.UTF_8)).entrySet()) {
                    if (!(e.getValue() instanceof String pin)) throw new IOException("not a string");
                    pins.put(e.getKey(), pin);
                }
            } catch (IOException e) {
                throw new KeyBridgeException(ErrorCode.BAD_REQUEST, "PIN file " + file + " is not a JSON map of label to PIN");
            }
            return new PinFileInteraction(Map.copyOf(pins), null);
        }
        return new PinFileInteraction(Map.of(), text.lines().findFirst().orElse(""));
    }

    @Override
    public Optional<String> chooseCertificate(CertificateChoice choice) {
        return choice.certificates().stream().map(c -> c.id()).findFirst();
    }

    @Override
    public char[] askPin(PinDialog dialog) { return pinFor(dialog.tokenLabel()); }

    /** The PIN for the token with this label, or null when the file has none for it. */
    public char[] pinFor(String tokenLabel) {
        String pin = single != null ? single : byLabel.get(tokenLabel);
        return pin == null ? null : pin.toCharArray();
    }
}
