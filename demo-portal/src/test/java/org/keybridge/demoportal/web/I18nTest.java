package org.keybridge.demoportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class I18nTest {
    private static final Locale ES = new Locale("es");

    @Test
    void acceptLanguagePicksTheFirstSupportedLanguageByWeight() {
        assertThat(I18n.negotiate("es-ES,es;q=0.9,en;q=0.8")).isEqualTo(ES);
        assertThat(I18n.negotiate("fr-FR, en;q=0.5, zh;q=0.7")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.negotiate("zh-TW")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.negotiate("en-GB;q=0.3, de")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void withoutAUsableHeaderTheHallSpeaksChinese() {
        assertThat(I18n.negotiate(null)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.negotiate("fr, de")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.negotiate("en;q=0")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.negotiate(";;;q=x")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void aLangParameterIsOneOfTheThreeOrNothing() {
        assertThat(I18n.parse("zh-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(I18n.parse("es")).isEqualTo(ES);
        assertThat(I18n.parse("en-US")).isEqualTo(Locale.ENGLISH);
        assertThat(I18n.parse("fr")).isNull();
        assertThat(I18n.parse("")).isNull();
        assertThat(I18n.parse("<script>")).isNull();
    }

    @Test
    void everyLanguageHasEveryTextAndTheArgumentsAreFilledIn() {
        I18n i18n = new I18n();
        Set<String> english = i18n.texts(Locale.ENGLISH).keySet();
        assertThat(i18n.texts(Locale.SIMPLIFIED_CHINESE).keySet()).isEqualTo(english);
        assertThat(i18n.texts(ES).keySet()).isEqualTo(english);
        assertThat(i18n.text(Locale.SIMPLIFIED_CHINESE, "expired_explanation", "社保CA", "Demo Social Security CA", "2026年11月17日"))
                .isEqualTo("您插入的“社保CA”USB Key上的证书（由 Demo Social Security CA 颁发）已于 2026年11月17日 过期，不能再用于登录。");
        assertThat(i18n.text(ES, "reset_code_sent", "138****8000")).contains("138****8000");
    }
}
