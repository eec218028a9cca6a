package org.keybridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every error code has its own user message in English, Simplified Chinese and Spanish. */
class ErrorMessagesTest {
    static final Locale ES = new Locale("es");

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasThreeDistinctMessages(ErrorCode code) {
        String en = KeyBridgeException.userMessage(code, Locale.ENGLISH, "X", new Date());
        String zh = KeyBridgeException.userMessage(code, Locale.SIMPLIFIED_CHINESE, "X", new Date());
        String es = KeyBridgeException.userMessage(code, ES, "X", new Date());
        assertThat(en).isNotEqualTo(code.name()).isNotEqualTo(zh).isNotEqualTo(es);
        assertThat(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).isTrue();
        assertThat(es).isNotEqualTo(zh);
    }

    @Test
    void expiredMessageNamesTheCertificateAndItsDate() {
        Date d = Date.from(Instant.parse("2026-11-17T10:00:00Z"));
        assertThat(KeyBridgeException.userMessage(ErrorCode.CERTIFICATE_EXPIRED, Locale.SIMPLIFIED_CHINESE, "深圳市示例科技有限公司", d))
                .contains("深圳市示例科技有限公司").contains("2026");
        assertThat(KeyBridgeException.userMessage(ErrorCode.CERTIFICATE_EXPIRED, ES, "ACME", d)).contains("ACME").contains("caducó");
    }

    @ParameterizedTest
    @EnumSource(org.keybridge.token.CertificateStatus.class)
    void everyStatusIsDescribedInThreeLanguages(org.keybridge.token.CertificateStatus status) {
        Instant from = Instant.parse("2025-01-01T00:00:00Z"), to = Instant.parse("2026-11-17T00:00:00Z");
        String en = status.describe(from, to, Locale.ENGLISH), zh = status.describe(from, to, Locale.SIMPLIFIED_CHINESE),
                es = status.describe(from, to, ES);
        assertThat(en).doesNotStartWith("status.").contains(status == org.keybridge.token.CertificateStatus.NOT_YET_VALID ? "2025" : "2026");
        assertThat(zh).isNotEqualTo(en).doesNotStartWith("status.");
        assertThat(es).isNotEqualTo(en).doesNotStartWith("status.");
    }

    @Test
    void apostrophesSurviveMessageFormatting() {
        assertThat(KeyBridgeException.userMessage(ErrorCode.ORIGIN_NOT_ALLOWED, Locale.ENGLISH)).contains("KeyBridge's");
        assertThat(KeyBridgeException.userMessage(ErrorCode.CERTIFICATE_NOT_YET_VALID, Locale.ENGLISH, "X")).contains("computer's");
    }

    @Test
    void otherLanguagesFallBackToEnglishAndRegionsToTheirLanguage() {
        assertThat(KeyBridgeException.supported(Locale.GERMAN)).isEqualTo(Locale.ENGLISH);
        assertThat(KeyBridgeException.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(KeyBridgeException.supported(Locale.forLanguageTag("es-MX")).getLanguage()).isEqualTo("es");
        assertThat(KeyBridgeException.userMessage(ErrorCode.NO_TOKEN, Locale.GERMAN))
                .isEqualTo(KeyBridgeException.userMessage(ErrorCode.NO_TOKEN, Locale.ENGLISH));
    }
}
