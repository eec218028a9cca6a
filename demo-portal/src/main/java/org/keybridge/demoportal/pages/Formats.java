package org.keybridge.demoportal.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Dates and certificates as the pages show them: in the page's language, on the service hall's clock (China time). */
final class Formats {
    static final ZoneId HALL_ZONE = ZoneId.of("Asia/Shanghai");

    private Formats() {}

    static String date(Instant t, Locale l) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(l).withZone(HALL_ZONE).format(t);
    }

    static String dateTime(Instant t, Locale l) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(l).withZone(HALL_ZONE).format(t);
    }

    /** A certificate's fields for a template, dates formatted; null stays null (a section not shown). */
    static Map<String, Object> certificate(CertificateView c, Locale l, Instant now) {
        if (c == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holder", c.holder());
        m.put("organization", c.organization());
        m.put("uscc", c.uscc());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.serialNumber());
        m.put("notBefore", date(c.notBefore(), l));
        m.put("notAfter", date(c.notAfter(), l));
        m.put("expired", c.expiredAt(now));
        return m;
    }
}
