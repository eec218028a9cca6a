package org.keybridge.ui;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.PinDialog;
import org.keybridge.core.UserInteraction;
import org.keybridge.token.TokenCertificate;

/**
 * The PIN asked on the terminal (no display): the same origin, purpose, certificate and warning texts as the Swing
 * dialog, then {@link Console#readPassword} (no echo). An empty answer or end of input cancels.
 */
public final class ConsoleInteraction implements UserInteraction {
    private final PrintWriter out;
    private final Function<String, char[]> readPassword;
    private final Function<String, String> readLine;

    public ConsoleInteraction(Console console) {
        this(console.writer(), prompt -> console.readPassword("%s", prompt), prompt -> console.readLine("%s", prompt));
    }

    /** For tests: where the texts go and how a line or a password is read (null at end of input). */
    ConsoleInteraction(PrintWriter out, Function<String, char[]> readPassword, Function<String, String> readLine) {
        this.out = Objects.requireNonNull(out);
        this.readPassword = Objects.requireNonNull(readPassword);
        this.readLine = Objects.requireNonNull(readLine);
    }

    @Override
    public char[] askPin(PinDialog d) {
        DialogTexts t = new DialogTexts(d.locale());
        out.println();
        out.println(t.headline(d.origin(), d.purpose()));
        for (DialogTexts.Line l : t.certificateLines(d.certificate(), d.tokenLabel())) {
            out.println("  " + l.label() + ": " + l.value());
        }
        out.println("  " + t.status(d.certificate()));
        t.warning(d.pinState()).ifPresent(w -> out.println((d.pinState().finalTry() ? "!!! " : "! ") + w));
        out.println(t.text("pin.note"));
        out.flush();
        String label = d.tokenLabel() != null ? d.tokenLabel() : d.certificate().tokenLabel();
        char[] pin = readPassword.apply(t.text("console.pin", label) + " ");
        if (pin == null) return null;
        if (pin.length == 0) return null;
        return pin;
    }

    @Override
    public Optional<String> chooseCertificate(CertificateChoice choice) {
        List<TokenCertificate> certs = choice.certificates();
        if (certs.isEmpty()) return Optional.empty();
        DialogTexts t = new DialogTexts(choice.locale());
        out.println();
        out.println(t.headline(choice.origin(), choice.purpose()));
        out.println(t.text("choose.prompt"));
        for (int i = 0; i < certs.size(); i++) {
            TokenCertificate c = certs.get(i);
            out.println("  " + (i + 1) + ") " + DialogTexts.shortName(c)
                    + (c.tokenLabel() == null ? "" : " (" + c.tokenLabel() + ")") + ", "
                    + t.text("choose.issuer", DialogTexts.issuerName(c)) + ". " + t.status(c));
        }
        out.flush();
        for (int tries = 0; tries < 3; tries++) {
            String line = readLine.apply(t.text("console.choose", certs.size()) + " ");
            if (line == null || line.isBlank()) return Optional.empty();
            try {
                int n = Integer.parseInt(line.strip());
                if (n >= 1 && n <= certs.size()) return Optional.of(certs.get(n - 1).id());
            } catch (NumberFormatException e) {
                // asked again
            }
        }
        return Optional.empty();
    }
}
