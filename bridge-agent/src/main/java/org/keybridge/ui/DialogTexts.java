package org.keybridge.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keybridge.core.Purpose;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.token.PinState;
import org.keybridge.token.TokenCertificate;

/**
 * What the agent's dialogs say, in zh-CN, en or es ({@code dialog.*} keys of KeyBridge's message catalog): one place
 * for the Swing dialog and the console, so both tell the user the same origin, purpose, certificate and warning.
 */
final class DialogTexts {
    /** One "label: value" line about a certificate. */
    record Line(String key, String label, String value) {}

    private final Locale locale;

    DialogTexts(Locale locale) {
        this.locale = KeyBridgeException.supported(locale);
    }

    Locale locale() { return locale; }

    /** {@code dialog.<key>} in this language. */
    String text(String key, Object... args) {
        return KeyBridgeException.text("dialog." + key, locale, args);
    }

    /** "https://… asks to log in with your key." / "… asks to bind this key to your account at …". */
    String headline(String origin, Purpose purpose) {
        return text("purpose." + purpose.name(), origin, host(origin));
    }

    /** Holder (subject CN), organization (O, when it says more than the CN), USCC, issuer CN, validity, key label. */
    List<Line> certificateLines(TokenCertificate c, String tokenLabel) {
        List<Line> lines = new ArrayList<>();
        String cn = rdn(c.subject(), "CN");
        String o = rdn(c.subject(), "O");
        lines.add(new Line("holder", text("holder"), cn != null ? cn : o != null ? o : c.subject()));
        if (o != null && cn != null && !o.equals(cn)) lines.add(new Line("organization", text("organization"), o));
        if (c.uscc() != null) lines.add(new Line("uscc", text("uscc"), c.uscc()));
        String issuer = rdn(c.issuer(), "CN");
        lines.add(new Line("issuer", text("issuer"), issuer != null ? issuer : c.issuer()));
        lines.add(new Line("validity", text("validity"),
                text("validity.range", Date.from(c.notBefore()), Date.from(c.notAfter()))));
        String label = tokenLabel != null ? tokenLabel : c.tokenLabel();
        if (label != null && !label.isBlank()) lines.add(new Line("token", text("token"), label));
        return lines;
    }

    /** The status sentence: "Valid until …", "Expires on … Renew it soon", … */
    String status(TokenCertificate c) {
        return c.status().describe(c.notBefore(), c.notAfter(), locale);
    }

    /** The warning for the token's PIN counters: FINAL_TRY (strong) before COUNT_LOW; empty when none. */
    Optional<String> warning(PinState state) {
        if (state == null) return Optional.empty();
        if (state.finalTry()) return Optional.of(text("warning.FINAL_TRY"));
        if (state.countLow()) return Optional.of(text("warning.COUNT_LOW"));
        return Optional.empty();
    }

    static String shortName(TokenCertificate c) { return CertificateNames.shortName(c); }

    static String issuerName(TokenCertificate c) { return CertificateNames.issuerName(c); }

    static String rdn(String dn, String type) { return CertificateNames.rdn(dn, type); }

    /** The origin's host[:port], for "your account at …". */
    static String host(String origin) {
        try {
            String a = URI.create(origin).getAuthority();
            return a != null ? a : origin;
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }
}
