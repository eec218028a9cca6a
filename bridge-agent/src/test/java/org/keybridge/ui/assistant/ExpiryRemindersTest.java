package org.keybridge.ui.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keybridge.format.KeyType;
import org.keybridge.token.CertificateStatus;
import org.keybridge.token.TokenCertificate;
import org.keybridge.ui.assistant.ExpiryReminders.Reminder;
import org.keybridge.ui.assistant.ExpiryReminders.Threshold;

/** The reminder thresholds on an injected clock, and the state file that remembers them across restarts. */
class ExpiryRemindersTest {
    static final Instant END = Instant.parse("2027-06-30T16:00:00Z");

    @TempDir Path dir;

    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now;

        Hand(Instant now) { this.now = now; }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }

        void at(Duration beforeEnd) { now = END.minus(beforeEnd); }
    }

    static TokenCertificate cert(String id, Instant notAfter) {
        return new TokenCertificate(id, "demo-softhsm", 1, "地税CA", "0001", "01", "login", "CN=x", "CN=Demo Tax CA", "0a",
                notAfter.minus(Duration.ofDays(730)), notAfter, KeyType.EC, 256, "P-256", List.of("digitalSignature"),
                List.of("clientAuth"), true, CertificateStatus.VALID, null, null);
    }

    static List<Threshold> thresholds(List<Reminder> rs) { return rs.stream().map(Reminder::threshold).toList(); }

    @Test
    void eachThresholdIsToldOnceAsTheDaysGoBy() {
        Hand clock = new Hand(END);
        ExpiryReminders r = new ExpiryReminders(dir.resolve("state/reminders.properties"), clock);
        List<TokenCertificate> certs = List.of(cert("aa", END));
        clock.at(Duration.ofDays(120));
        assertThat(r.due(certs)).isEmpty();
        clock.at(Duration.ofDays(91));
        assertThat(r.due(certs)).isEmpty();
        clock.at(Duration.ofDays(90));
        List<Reminder> first = r.due(certs);
        assertThat(thresholds(first)).containsExactly(Threshold.DAYS_90);
        assertThat(first.get(0).daysLeft()).isEqualTo(90);
        assertThat(r.due(certs)).as("the same day again").isEmpty();
        clock.at(Duration.ofDays(45));
        assertThat(r.due(certs)).isEmpty();
        clock.at(Duration.ofDays(30).minusHours(3));
        assertThat(thresholds(r.due(certs))).containsExactly(Threshold.DAYS_30);
        clock.at(Duration.ofDays(7));
        assertThat(thresholds(r.due(certs))).containsExactly(Threshold.DAYS_7);
        clock.at(Duration.ofHours(2));
        assertThat(r.due(certs)).as("still valid on its last day").isEmpty();
        clock.at(Duration.ofMinutes(-1));
        List<Reminder> expired = r.due(certs);
        assertThat(thresholds(expired)).containsExactly(Threshold.EXPIRED);
        clock.at(Duration.ofDays(-400));
        assertThat(r.due(certs)).as("never again").isEmpty();
    }

    @Test
    void rememberedAcrossRestartsThroughTheStateFile() throws Exception {
        Path state = dir.resolve("reminders.properties");
        Hand clock = new Hand(END);
        List<TokenCertificate> certs = List.of(cert("bb", END));
        clock.at(Duration.ofDays(29));
        assertThat(thresholds(new ExpiryReminders(state, clock).due(certs))).containsExactly(Threshold.DAYS_30);
        assertThat(Files.readString(state)).contains("bb=DAYS_30");
        clock.at(Duration.ofDays(20));
        assertThat(new ExpiryReminders(state, clock).due(certs)).as("a new process, the same state").isEmpty();
        clock.at(Duration.ofDays(3));
        assertThat(thresholds(new ExpiryReminders(state, clock).due(certs))).containsExactly(Threshold.DAYS_7);
    }

    @Test
    void aCertificateFirstSeenLateGetsOnlyItsMostUrgentReminder() {
        Hand clock = new Hand(END);
        ExpiryReminders r = new ExpiryReminders(dir.resolve("r.properties"), clock);
        clock.at(Duration.ofDays(5));
        List<Reminder> got = r.due(List.of(cert("cc", END), cert("dd", END.minus(Duration.ofDays(10))),
                cert("ee", END.plus(Duration.ofDays(60))), cert("ff", END.plus(Duration.ofDays(200)))));
        assertThat(got).extracting(x -> x.certificate().id() + "=" + x.threshold())
                .containsExactly("cc=DAYS_7", "dd=EXPIRED", "ee=DAYS_90");
        assertThat(got.get(1).daysLeft()).isEqualTo(-5);
        assertThat(r.due(List.of(cert("cc", END), cert("dd", END.minus(Duration.ofDays(10)))))).isEmpty();
    }

    @Test
    void anUnreadableStateFileStartsAfreshInsteadOfFailing() throws Exception {
        Path state = dir.resolve("reminders.properties");
        Files.write(state, new byte[] {'a', '=', '\\', 'u', 'z', 'z'}); // a malformed \\u escape
        Hand clock = new Hand(END);
        clock.at(Duration.ofDays(1));
        assertThat(thresholds(new ExpiryReminders(state, clock).due(List.of(cert("gg", END))))).containsExactly(Threshold.DAYS_7);
        assertThat(Files.readString(state)).contains("gg=DAYS_7");
    }
}
