package org.keybridge.portal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing texts of portal-kit in en, zh-CN and es: one per {@link PortalCode} (key {@code code.<CODE>}) and the
 * reset-code SMS ({@code sms.resetCode}). Bundle {@code org/keybridge/portal/messages*.properties} (UTF-8,
 * MessageFormat: apostrophes doubled).
 */
public final class PortalMessages {
    private static final String BUNDLE = "org.keybridge.portal.messages";

    private PortalMessages() {}

    /** The user message for an error code, in {@code locale} (English when the language is not one of the three). */
    public static String forCode(String code, Locale locale) {
        return text("code." + code, locale);
    }

    /** The user message for a refusal. */
    public static String forException(PortalException e, Locale locale) {
        return forCode(e.code(), locale);
    }

    public static String text(String key, Locale locale, Object... args) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = b.getString(key);
        } catch (MissingResourceException e) {
            pattern = key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
