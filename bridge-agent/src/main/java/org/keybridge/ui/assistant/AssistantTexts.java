package org.keybridge.ui.assistant;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** The assistant's texts in zh-CN, en or es (this package's {@code assistant*.properties}). */
public final class AssistantTexts {
    static final String BUNDLE = "org.keybridge.ui.assistant.assistant";
    /** The languages the window offers, in the order of its language list. */
    public static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH, new Locale("es"));

    private final Locale locale;
    private final ResourceBundle bundle;

    public AssistantTexts(Locale locale) {
        this.locale = KeyBridgeException.supported(locale);
        this.bundle = ResourceBundle.getBundle(BUNDLE, this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() { return locale; }

    /** The text for {@code key} with its arguments; the key itself when missing (a test checks none is). */
    public String get(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** The raw pattern of {@code key}, for tests comparing languages. */
    String pattern(String key) { return bundle.getString(key); }

    /** An error code's user message from KeyBridge's catalog, in this language. */
    public String error(KeyBridgeException e) { return e.userMessage(locale); }

    public String error(ErrorCode code) { return KeyBridgeException.userMessage(code, locale); }

    /** The name of a language in that language, for the language list. */
    public static String languageName(Locale l) {
        return switch (l.getLanguage()) {
            case "zh" -> "中文";
            case "es" -> "Español";
            default -> "English";
        };
    }

    /** Every text of every language joined, to pick a font that can show all of them. */
    public static String allTexts() {
        StringBuilder b = new StringBuilder();
        for (Locale l : LANGUAGES) {
            ResourceBundle r = new AssistantTexts(l).bundle;
            List<String> keys = new ArrayList<>(Collections.list(r.getKeys()));
            for (String k : keys) b.append(r.getString(k));
            b.append(languageName(l));
        }
        return b.toString();
    }
}
