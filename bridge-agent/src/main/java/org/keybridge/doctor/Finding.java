package org.keybridge.doctor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One thing the doctor found.
 *
 * @param id stable, for scripts: {@code pcsc.service}, {@code pcsc.card}, {@code module.load}, … (see README)
 * @param text what was found, in plain words in the user's language
 * @param fix what to do about it, in the same language; null for OK findings
 * @param details facts for IT staff and scripts (reader, ATR, library, …); {@link #PRIVATE} keys never leave the
 *     machine in a diagnostic bundle
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String id, Severity severity, String text, String fix, Map<String, String> details) {
    /** Detail keys that identify a person or company: shown on screen, dropped from bundles. */
    public static final java.util.Set<String> PRIVATE = java.util.Set.of("subject", "uscc", "serialNumber", "tokenSerial");

    public Finding {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** The same finding without private details (for a diagnostic bundle). */
    public Finding redacted() {
        Map<String, String> kept = new java.util.LinkedHashMap<>(details);
        kept.keySet().removeAll(PRIVATE);
        return new Finding(id, severity, text, fix, kept);
    }
}
