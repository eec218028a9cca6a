package org.keybridge.config.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** A name or sentence in the three languages KeyBridge speaks. */
public record Names(@JsonProperty("zh-CN") String zhCN, @JsonProperty("en") String en, @JsonProperty("es") String es) {
    /** The text for a locale: Chinese for zh*, Spanish for es*, else English. */
    public String get(Locale locale) {
        String lang = locale == null ? "en" : locale.getLanguage();
        return switch (lang) {
            case "zh" -> zhCN;
            case "es" -> es;
            default -> en;
        };
    }
}
