package org.keybridge.cli;

import java.nio.file.Path;
import org.keybridge.token.PinSource;
import org.keybridge.ui.PinFileInteraction;

/**
 * PINs from a file, for automation and tests (never the default): either the PIN alone on the first line, or a
 * demo-keys {@code pins.json} map from token label to PIN.
 */
final class PinFile {
    private PinFile() {}

    static PinSource read(Path file) {
        PinFileInteraction pins = PinFileInteraction.read(file);
        return request -> pins.pinFor(request.tokenLabel());
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
