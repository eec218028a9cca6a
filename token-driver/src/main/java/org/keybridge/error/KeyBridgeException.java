package org.keybridge.error;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The one exception type callers of KeyBridge see: a stable {@link ErrorCode}, a technical detail for logs and IT
 * staff, and a user message in the user's language. Subclasses carry what a caller needs to act on a code.
 */
public class KeyBridgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String BUNDLE = "org.keybridge.error.messages";

    private final ErrorCode code;
    private final transient Object[] messageArguments;

    public KeyBridgeException(ErrorCode code, String detail, Object... messageArguments) {
        this(code, detail, null, messageArguments);
    }

    public KeyBridgeException(ErrorCode code, String detail, Throwable cause, Object... messageArguments) {
        super(code + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.code = code;
        this.messageArguments = messageArguments.clone();
    }

    public ErrorCode code() { return code; }

    /** What to tell the user, in zh-CN, en or es (anything else falls back to English). */
    public String userMessage(Locale locale) { return userMessage(code, locale, messageArguments); }

    public static String userMessage(ErrorCode code, Locale locale, Object... arguments) {
        return text(code.name(), locale, arguments);
    }

    /** Any user text of KeyBridge's message catalog by key, in zh-CN, en or es; the key itself if missing. */
    public static String text(String key, Locale locale, Object... arguments) {
        Locale l = supported(locale);
        try {
            ResourceBundle b = ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(
                    ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(b.getString(key), l).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** zh-CN for any Chinese, es for any Spanish, otherwise English. */
    public static Locale supported(Locale locale) {
        if (locale == null) return Locale.ENGLISH;
        return switch (locale.getLanguage()) {
            case "zh" -> Locale.SIMPLIFIED_CHINESE;
            case "es" -> new Locale("es");
            default -> Locale.ENGLISH;
        };
    }
}
