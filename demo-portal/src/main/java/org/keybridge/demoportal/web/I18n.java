package org.keybridge.demoportal.web;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The portal's languages (zh-CN, en, es) and their texts: {@code messages*.properties} beside the templates. A page
 * gets every text of its language as one map ({@code {{t.key}}} in a template); texts with arguments are formatted
 * here with {@link MessageFormat} in the page's locale.
 */
public final class I18n {
    public static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH, new Locale("es"));
    private static final String BUNDLE = "org.keybridge.demoportal.messages";

    private final Map<Locale, Map<String, String>> texts = new HashMap<>();

    public I18n() {
        for (Locale l : SUPPORTED) {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> m = new HashMap<>();
            for (String k : Collections.list(b.getKeys())) m.put(k, b.getString(k));
            texts.put(l, Map.copyOf(m));
        }
    }

    /** Every text of {@code locale}, by key. */
    public Map<String, String> texts(Locale locale) {
        return texts.get(locale);
    }

    public String text(Locale locale, String key, Object... args) {
        String pattern = texts.get(locale).get(key);
        if (pattern == null) throw new IllegalArgumentException("no text " + key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** The supported locale for a {@code lang} parameter such as {@code zh-CN}, {@code es} or {@code en-US}; null if none. */
    public static Locale parse(String lang) {
        if (lang == null || lang.isBlank() || lang.length() > 35) return null;
        return pick(Locale.forLanguageTag(lang.trim()));
    }

    /** The best supported locale for an {@code Accept-Language} header, else zh-CN (the service hall's own language). */
    public static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() < 512) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (r.getWeight() == 0) continue;
                    Locale l = r.getRange().equals("*") ? null : pick(Locale.forLanguageTag(r.getRange()));
                    if (l != null) return l;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header is ignored, as browsers never send one
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    /** zh (any region or script) → zh-CN; en → en; es → es. */
    private static Locale pick(Locale l) {
        return switch (l.getLanguage()) {
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            case "en" -> Locale.ENGLISH;
            case "es" -> SUPPORTED.get(2);
            default -> null;
        };
    }

    /** The BCP 47 tag a page declares and the agent is asked to speak: zh-CN, en, es. */
    public static String tag(Locale l) {
        return l.toLanguageTag();
    }
}
