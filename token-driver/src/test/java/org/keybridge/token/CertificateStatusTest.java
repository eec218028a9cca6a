package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateStatusTest {
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z"), TO = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration SOON = Duration.ofDays(30);

    @Test
    void boundariesOfTheValidityPeriod() {
        assertThat(CertificateStatus.of(FROM, TO, FROM.minusSeconds(1), SOON)).isEqualTo(CertificateStatus.NOT_YET_VALID);
        assertThat(CertificateStatus.of(FROM, TO, FROM, SOON)).isEqualTo(CertificateStatus.VALID);
        assertThat(CertificateStatus.of(FROM, TO, TO.minus(SOON).minusSeconds(1), SOON)).isEqualTo(CertificateStatus.VALID);
        assertThat(CertificateStatus.of(FROM, TO, TO.minus(SOON), SOON)).isEqualTo(CertificateStatus.EXPIRING_SOON);
        assertThat(CertificateStatus.of(FROM, TO, TO, SOON)).isEqualTo(CertificateStatus.EXPIRING_SOON);
        assertThat(CertificateStatus.of(FROM, TO, TO.plusSeconds(1), SOON)).isEqualTo(CertificateStatus.EXPIRED);
    }

    @Test
    void onlyValidAndExpiringSoonMayLogIn() {
        assertThat(CertificateStatus.VALID.usable()).isTrue();
        assertThat(CertificateStatus.EXPIRING_SOON.usable()).isTrue();
        assertThat(CertificateStatus.EXPIRED.usable()).isFalse();
        assertThat(CertificateStatus.NOT_YET_VALID.usable()).isFalse();
    }
}
