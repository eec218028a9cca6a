package org.keybridge.ui.assistant;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.keybridge.token.TokenCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expiry reminders: one at 90, 30 and 7 days before a certificate ends and one when it has ended, each at most once per
 * certificate, remembered across restarts in a small properties file (certificate id → the most urgent threshold
 * already told). A certificate first seen late gets only its most urgent reminder: nobody needs "90 days" and "7
 * days" at once. CA helpers start renewal reminders 90 days ahead (research notes, china-ca.md §4).
 */
public final class ExpiryReminders {
    private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);

    /** The thresholds, least urgent first. */
    public enum Threshold {
        DAYS_90(90), DAYS_30(30), DAYS_7(7), EXPIRED(0);

        private final int days;

        Threshold(int days) { this.days = days; }

        public int days() { return days; }

        /** The most urgent threshold reached at {@code now}, or null when the end is more than 90 days away. */
        static Threshold reached(Instant notAfter, Instant now) {
            if (now.isAfter(notAfter)) return EXPIRED;
            long left = Duration.between(now, notAfter).toDays();
            Threshold t = null;
            for (Threshold x : values()) if (x != EXPIRED && left <= x.days) t = x;
            return t;
        }
    }

    /** A reminder to show: which certificate, which threshold, and the whole days left (negative once expired). */
    public record Reminder(TokenCertificate certificate, Threshold threshold, long daysLeft) {}

    private final Path stateFile;
    private final Clock clock;

    public ExpiryReminders(Path stateFile, Clock clock) {
        this.stateFile = stateFile;
        this.clock = clock;
    }

    /** Where the state lives: {@code $XDG_STATE_HOME/keybridge} (else ~/.local/state/keybridge; %LOCALAPPDATA% on Windows). */
    public static Path defaultStateFile() {
        String dir = System.getProperty("keybridge.state.dir");
        if (dir != null) return Path.of(dir, "reminders.properties");
        String local = System.getenv("LOCALAPPDATA");
        if (System.getProperty("os.name", "").startsWith("Windows") && local != null) {
            return Path.of(local, "KeyBridge", "reminders.properties");
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("keybridge").resolve("reminders.properties");
    }

    /**
     * The reminders due now for these certificates, each marked as told before it is returned (so a crash while
     * showing one loses it rather than repeating it forever).
     */
    public synchronized List<Reminder> due(List<TokenCertificate> certificates) {
        Instant now = clock.instant();
        Properties told = load();
        List<Reminder> out = new ArrayList<>();
        for (TokenCertificate c : certificates) {
            Threshold t = Threshold.reached(c.notAfter(), now);
            if (t == null) continue;
            Threshold before = parse(told.getProperty(c.id()));
            if (before != null && before.ordinal() >= t.ordinal()) continue;
            told.setProperty(c.id(), t.name());
            long left = CertificateView.daysLeft(c.notAfter(), now);
            out.add(new Reminder(c, t, left));
        }
        if (!out.isEmpty()) save(told);
        return out;
    }

    private static Threshold parse(String s) {
        if (s == null) return null;
        try {
            return Threshold.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (!Files.isRegularFile(stateFile)) return p;
        try (Reader r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("reminder state {} unreadable, starting afresh: {}", stateFile, e.toString());
            p.clear();
        }
        return p;
    }

    /** Written to a temporary file and moved into place: a crash never leaves half a file. */
    private void save(Properties p) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "KeyBridge: expiry reminders already shown (certificate SHA-256 = most urgent threshold)");
            }
            try {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("cannot save the reminder state {}: {}", stateFile, e.toString());
        }
    }
}
