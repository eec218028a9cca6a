package org.keybridge.ui.assistant;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.keybridge.ui.CertificateNames;

/**
 * What "My keys" says about one certificate at a given moment: the status in words and colour, the whole days left
 * (or since it ended), and for an expired certificate the next step — log in with the password at the portal and bind
 * another valid key (preferably one of the same enterprise).
 */
public record CertificateView(TokenCertificate certificate, CertificateStatus status, long days, String statusText,
                              Color colour, Optional<String> nextStep) {
    public static final Color GREEN = new Color(0x1b6e20), ORANGE = new Color(0x9a5b00), RED = new Color(0xb00020);

    /** The view at {@code now}; {@code soon} as the configuration's expiringSoonDays; {@code all} the inserted keys. */
    public static CertificateView of(TokenCertificate c, Instant now, Duration soon, List<Token> all,
                                     Optional<PortalDirectory.Portal> portal, AssistantTexts t) {
        CertificateStatus s = CertificateStatus.of(c.notBefore(), c.notAfter(), now, soon);
        long left = daysLeft(c.notAfter(), now);
        String text = switch (s) {
            case VALID -> t.get("status.VALID", left);
            case EXPIRING_SOON -> t.get("status.EXPIRING_SOON", left);
            case EXPIRED -> t.get("status.EXPIRED", -left);
            case NOT_YET_VALID -> t.get("status.NOT_YET_VALID");
        };
        Color colour = switch (s) {
            case VALID -> GREEN;
            case EXPIRING_SOON -> ORANGE;
            case EXPIRED, NOT_YET_VALID -> RED;
        };
        Optional<String> next = Optional.empty();
        if (s == CertificateStatus.EXPIRED) {
            String where = portal.map(p -> p.name(t.locale()).equals(p.address()) ? p.address()
                    : p.name(t.locale()) + " (" + p.address() + ")").orElse(t.get("next.noPortal"));
            next = Optional.of(replacement(c, now, soon, all)
                    .map(k -> t.get("next.rebind", where, k.label()))
                    .orElseGet(() -> t.get("next.rebindAnyKey", where)));
        }
        return new CertificateView(c, s, left, text, colour, next);
    }

    /** Whole days until {@code notAfter}; negative (whole days since) once it has passed. */
    public static long daysLeft(Instant notAfter, Instant now) {
        return now.isAfter(notAfter) ? -Duration.between(notAfter, now).toDays() : Duration.between(now, notAfter).toDays();
    }

    /** Another inserted key with a usable certificate, one of the same USCC first: the key to bind instead. */
    static Optional<Token> replacement(TokenCertificate expired, Instant now, Duration soon, List<Token> all) {
        Optional<Token> any = Optional.empty();
        for (Token k : all) {
            if (k.serialNumber().equals(expired.tokenSerial()) && k.module().equals(expired.module())) continue;
            for (TokenCertificate c : k.certificates()) {
                if (!c.hasPrivateKey() || !CertificateStatus.of(c.notBefore(), c.notAfter(), now, soon).usable()) continue;
                if (expired.uscc() != null && expired.uscc().equals(c.uscc())) return Optional.of(k);
                if (any.isEmpty()) any = Optional.of(k);
            }
        }
        return any;
    }

    /** The holder to show: the organization (O) when there is one, else the CN. */
    public String holder() {
        String o = CertificateNames.rdn(certificate.subject(), "O");
        return o != null ? o : CertificateNames.shortName(certificate);
    }

    public String issuer() { return CertificateNames.issuerName(certificate); }
}
