package org.keybridge.ui;

import java.io.Console;
import java.util.List;
import java.util.Optional;
import org.keybridge.core.CertificateChoice;
import org.keybridge.core.PinDialog;
import org.keybridge.core.Purpose;
import org.keybridge.core.UserInteraction;
import org.keybridge.token.TokenCertificate;

/**
 * The agent's questions on its terminal: who asks (the origin), for what (log in / bind this key), with which
 * certificate, and a warning when the PIN counters are low. One question at a time: requests share one terminal.
 */
final class ConsoleInteraction implements UserInteraction {
    private final Console console;

    ConsoleInteraction(Console console) {
        this.console = console;
    }

    @Override
    public synchronized Optional<String> chooseCertificate(CertificateChoice choice) {
        console.printf("%n%s asks to %s. Choose a certificate:%n", choice.origin(), what(choice.purpose()));
        List<TokenCertificate> certs = choice.certificates();
        for (int i = 0; i < certs.size(); i++) {
            TokenCertificate c = certs.get(i);
            console.printf("  %d) %s  [%s, until %s, key %s]%n", i + 1, c.subject(), c.status(), c.notAfter(), c.tokenLabel());
        }
        String line = console.readLine("number (empty to cancel): ");
        try {
            int n = Integer.parseInt(line == null ? "" : line.strip());
            return n >= 1 && n <= certs.size() ? Optional.of(certs.get(n - 1).id()) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized char[] askPin(PinDialog d) {
        TokenCertificate c = d.certificate();
        console.printf("%n%s asks to %s.%n", d.origin(), what(d.purpose()));
        console.printf("  certificate %s%n  issuer      %s%n  valid       %s .. %s%n  key         %s%n",
                c.subject(), c.issuer(), c.notBefore(), c.notAfter(), d.tokenLabel());
        if (d.pinState().finalTry()) console.printf("  WARNING: last try before the key locks%n");
        else if (d.pinState().countLow()) console.printf("  warning: a wrong PIN was entered before%n");
        char[] pin = console.readPassword("PIN (empty to cancel): ");
        return pin == null || pin.length == 0 ? null : pin;
    }

    private static String what(Purpose p) {
        return p == Purpose.LOGIN ? "log in with your key" : "bind this key to your account";
    }
}
