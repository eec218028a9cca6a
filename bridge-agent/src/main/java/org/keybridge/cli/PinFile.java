package org.keybridge.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.PinSource;

/**
 * PINs from a file, for automation and tests (never the default): either the PIN alone on the first line, or a
 * demo-keys {@code pins.json} map from token label to PIN.
 */
final class PinFile {
    private PinFile() {}

    static PinSource read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new KeyBridgeException(ErrorCode.BAD_REQUEST, "cannot read PIN file " + file + ": " + e.getMessage());
        }
        if (text.startsWith("{")) {
            Map<String, String> byLabel;
            try {
                byLabel = new ObjectMapper().readerForMapOf(String.class).readValue(text);
            } catch (JacksonException e) {
                throw new KeyBridgeException(ErrorCode.BAD_REQUEST, "PIN file " + file + " is not a JSON map of label to PIN");
            }
            return request -> {
                String pin = byLabel.get(request.tokenLabel());
                return pin == null ? null : pin.toCharArray();
            };
        }
        String pin = text.lines().findFirst().orElse("");
        return request -> pin.toCharArray();
    }

    /** Asks on the terminal; null (cancelled) when there is none. */
    static PinSource console() {
        return request -> {
            var console = org.keybridge.ui.Interactions.terminalConsole();
            if (console == null) return null;
            String warn = request.pinState().finalTry() ? " (LAST TRY before the key locks)"
                    : request.pinState().countLow() ? " (a wrong PIN was entered before)" : "";
            return console.readPassword("PIN for %s%s: ", request.tokenLabel(), warn);
        };
    }
}
