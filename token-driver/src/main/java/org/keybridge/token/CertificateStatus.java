package org.keybridge.token;

import java.time.Duration;
import java.time.Instant;

/** Where a certificate stands in its validity period, as the user should hear it. */
public enum CertificateStatus {
    VALID, EXPIRING_SOON, EXPIRED, NOT_YET_VALID;

    /** EXPIRING_SOON when it ends within {@code soon} of {@code now}. */
    public static CertificateStatus of(Instant notBefore, Instant notAfter, Instant now, Duration soon) {
        if (now.isBefore(notBefore)) return NOT_YET_VALID;
        if (now.isAfter(notAfter)) return EXPIRED;
        if (!now.plus(soon).isBefore(notAfter)) return EXPIRING_SOON;
        return VALID;
    }

    /** What to tell the user about a certificate in this status, in zh-CN, en or es. */
    public String describe(java.time.Instant notBefore, java.time.Instant notAfter, java.util.Locale locale) {
        java.util.Date when = java.util.Date.from(this == NOT_YET_VALID ? notBefore : notAfter);
        return org.keybridge.error.KeyBridgeException.text("status." + name(), locale, when);
    }

    /** A status a login may use. */
    public boolean usable() { return this == VALID || this == EXPIRING_SOON; }
}
