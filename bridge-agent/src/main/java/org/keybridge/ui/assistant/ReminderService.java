package org.keybridge.ui.assistant;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.keybridge.token.PinFlag;
import org.keybridge.token.Token;
import org.keybridge.token.TokenCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due expiry reminders and keys that still have their initial PIN into notifications (the tray's, or the
 * window's notice line). Runs on whatever thread calls {@link #check}; listing the keys may take a moment.
 */
public final class ReminderService {
    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

    private final Supplier<List<Token>> tokens;
    private final ExpiryReminders reminders;
    private final Supplier<Notifier> notifier;
    private final Supplier<Locale> locale;
    private final Set<String> toldPinChange = new HashSet<>();

    public ReminderService(Supplier<List<Token>> tokens, ExpiryReminders reminders, Supplier<Notifier> notifier,
                           Supplier<Locale> locale) {
        this.tokens = tokens;
        this.reminders = reminders;
        this.notifier = notifier;
        this.locale = locale;
    }

    /** Lists the keys and notifies what is due; returns how many notifications were sent. */
    public synchronized int check() {
        List<Token> ks;
        try {
            ks = tokens.get();
        } catch (RuntimeException e) {
            log.debug("reminders: listing the keys failed: {}", e.toString());
            return 0;
        }
        AssistantTexts t = new AssistantTexts(locale.get());
        Notifier n = notifier.get();
        int sent = 0;
        List<TokenCertificate> certs = ks.stream().flatMap(k -> k.certificates().stream()).toList();
        for (ExpiryReminders.Reminder r : reminders.due(certs)) {
            TokenCertificate c = r.certificate();
            String holder = org.keybridge.ui.CertificateNames.shortName(c);
            String text = t.get("remind." + r.threshold().name(), holder, c.tokenLabel(), r.daysLeft(), Date.from(c.notAfter()));
            n.notify(t.get("remind.title"), text, r.threshold() == ExpiryReminders.Threshold.DAYS_90 ? Notifier.Level.INFO
                    : r.threshold() == ExpiryReminders.Threshold.DAYS_30 ? Notifier.Level.WARNING : Notifier.Level.ERROR);
            sent++;
        }
        for (Token k : ks) {
            if (k.pinState().flags().contains(PinFlag.TO_BE_CHANGED) && toldPinChange.add(k.module() + "/" + k.serialNumber())) {
                n.notify(t.get("title"), t.get("remind.pinToBeChanged", k.label()), Notifier.Level.WARNING);
                sent++;
            }
        }
        return sent;
    }
}
