package org.keybridge.ui.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssistantTextsTest {
    static Set<String> keys(Locale l) {
        return new TreeSet<>(Collections.list(ResourceBundle.getBundle(AssistantTexts.BUNDLE, l,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getKeys()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "es"})
    void everyLanguageHasExactlyTheEnglishKeysAndEachFormats(String tag) {
        Locale l = Locale.forLanguageTag(tag);
        assertThat(keys(l)).isEqualTo(keys(Locale.ENGLISH));
        AssistantTexts t = new AssistantTexts(l);
        for (String k : keys(l)) {
            String pattern = ResourceBundle.getBundle(AssistantTexts.BUNDLE, t.locale()).getString(k);
            assertThat(pattern).as(k).isNotBlank();
            assertThat(new MessageFormat(pattern, l).getFormats().length).as("placeholders of %s", k)
                    .isEqualTo(new MessageFormat(new AssistantTexts(Locale.ENGLISH).pattern(k), Locale.ENGLISH).getFormats().length);
        }
    }

    @Test
    void daysAreSaidInEachLanguageWithTheirPlurals() {
        assertThat(new AssistantTexts(Locale.ENGLISH).get("status.VALID", 1)).isEqualTo("Valid · 1 day left");
        assertThat(new AssistantTexts(Locale.ENGLISH).get("status.EXPIRED", 10)).isEqualTo("Expired 10 days ago");
        assertThat(new AssistantTexts(Locale.forLanguageTag("es")).get("status.EXPIRING_SOON", 7))
                .isEqualTo("Caduca en 7 días: renuévelo pronto");
        assertThat(new AssistantTexts(Locale.SIMPLIFIED_CHINESE).get("status.VALID", 729)).isEqualTo("有效 · 还剩 729 天");
        assertThat(new AssistantTexts(Locale.SIMPLIFIED_CHINESE).get("status.EXPIRED", 0)).isEqualTo("今天已过期");
    }

    @Test
    void anUnsupportedSystemLanguageFallsBackToEnglish() {
        assertThat(new AssistantTexts(Locale.GERMAN).get("tab.keys")).isEqualTo("My keys");
        assertThat(new AssistantTexts(Locale.TRADITIONAL_CHINESE).get("tab.keys")).isEqualTo("我的 UKey");
    }
}
