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
        return choose(pinFile, GraphicsEnvironment.isHeadless(), terminal());
    }

    /**
     * For the native-messaging host, whose stdin and stdout are the browser's channel: the PIN file or the dialog,
     * never the terminal. Without either, every PIN request is cancelled (no C_Login is made).
     */
    public static UserInteraction forNativeHost(Path pinFile) {
        if (pinFile != null) return PinFileInteraction.read(pinFile);
        if (!GraphicsEnvironment.isHeadless()) return new SwingInteraction();
        return new UserInteraction() {
            @Override
            public java.util.Optional<String> chooseCertificate(org.keybridge.core.CertificateChoice choice) {
                return java.util.Optional.empty();
            }

            @Override
            public char[] askPin(org.keybridge.core.PinDialog dialog) {
                throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "no way to ask for the PIN: no display and no --pin-file");
            }
        };
    }

    public static Console terminalConsole() { return terminal(); }

    /** The console only when it is a terminal (JDK 22+ returns a console for redirected streams too). */
    static Console terminal() {
        Console c = System.console();
        if (c == null) return null;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c) ? c : null;
        } catch (ReflectiveOperationException e) {
            return c; // JDK < 22: a non-null console is a terminal
        }
    }

    static UserInteraction choose(Path pinFile, boolean headless, Console console) {
        if (pinFile != null) return PinFileInteraction.read(pinFile);
        if (!headless) return new SwingInteraction();
        if (console != null) return new ConsoleInteraction(console);
        throw new KeyBridgeException(ErrorCode.PIN_CANCELLED, "no way to ask for the PIN: run with a display or --pin-file");
    }
}
