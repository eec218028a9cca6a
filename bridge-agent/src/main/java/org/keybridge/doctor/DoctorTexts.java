package org.keybridge.doctor;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.keybridge.error.KeyBridgeException;

/**
 * The doctor's sentences (org/keybridge/doctor/doctor*.properties, zh-CN, en, es): each kind of finding has
 * {@code KEY.text} and, unless it is good news, {@code KEY.fix}.
 */
public final class DoctorTexts {
    private final Locale locale;
    private final ResourceBundle bundle;

    public DoctorTexts(Locale locale) {
        this.locale = KeyBridgeException.supported(locale);
        this.bundle = ResourceBundle.getBundle("org.keybridge.doctor.doctor", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() { return locale; }

    /** A finding of kind {@code key} ({@code pcsc.stopped}, …) under the stable {@code id}. */
    public Finding finding(String id, Severity severity, String key, Map<String, String> details, Object... args) {
        String fix = severity == Severity.OK ? null : format(key + ".fix", args);
        return new Finding(id, severity, format(key + ".text", args), fix, details);
    }

    public String word(String key, Object... args) { return format(key, args); }

    String format(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("doctor text missing: " + key + " (" + locale + ")", e);
        }
    }
}
