package org.keybridge.ui;

import java.io.Console;
import java.nio.file.Path;
import org.keybridge.core.UserInteraction;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** How the resident agent talks to its user, chosen once at start. */
public final class Interactions {
    private Interactions() {}

    /**
     * A PIN file when one is given (automation, tests); otherwise the terminal when there is one. Never the web page.
     * The Swing dialog is hooked in here when it lands.
     */
    public static UserInteraction forAgent(Path pinFile) {
        if (pinFile != null) return PinFileInteraction.read(pinFile);
        Console console = terminal();
        if (console != null) return new ConsoleInteraction(console);
        throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "no way to ask for the PIN; use --pin-file or run with a display");
    }

    /**
     * The console when it is a real terminal. Since JDK 22 {@code System.console()} is non-null even with redirected
     * streams, and only {@code Console.isTerminal()} (absent before 22, so called reflectively) tells.
     */
    static Console terminal() {
        Console c = System.console();
        if (c == null) return null;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c) ? c : null;
        } catch (NoSuchMethodException e) {
            return c; // JDK < 22: non-null means a terminal
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
