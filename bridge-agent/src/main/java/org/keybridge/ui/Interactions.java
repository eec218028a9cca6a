package org.keybridge.ui;

import java.awt.GraphicsEnvironment;
import java.io.Console;
import java.nio.file.Path;
import org.keybridge.core.UserInteraction;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** How the agent asks the user: a PIN file when given, else its own Swing dialog, else the terminal. */
public final class Interactions {
    private Interactions() {}

    /**
     * {@link PinFileInteraction} when {@code pinFile} is given (automation and tests, never the default);
     * {@link SwingInteraction} when there is a display; {@link ConsoleInteraction} when there is a terminal; otherwise
     * PIN_CANCELLED, because there is no way to ask.
     */
    public static UserInteraction forAgent(Path pinFile) {
        return choose(pinFile, GraphicsEnvironment.isHeadless(), System.console());
    }

    static UserInteraction choose(Path pinFile, boolean headless, Console console) {
        if (pinFile != null) return PinFileInteraction.read(pinFile);
        if (!headless) return new SwingInteraction();
        if (console != null) return new ConsoleInteraction(console);
        throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "no way to ask for the PIN: run with a display or --pin-file");
    }
}
