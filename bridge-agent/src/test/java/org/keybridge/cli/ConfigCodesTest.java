package org.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.keybridge.config.ConfigCode;
import org.keybridge.config.ConfigException;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

class ConfigCodesTest {
    @Test
    void everyNativeConfigRefusalIsAnErrorCodeWithMessagesInThreeLanguages() {
        for (ConfigCode c : ConfigCode.values()) {
            ErrorCode code = KeyBridgeCli.errorCode(new ConfigException(c, "x"));
            assertThat(code.name()).isEqualTo(c.name());
            for (String lang : new String[] {"zh-CN", "en", "es"}) {
                String m = KeyBridgeException.userMessage(code, Locale.forLanguageTag(lang));
                assertThat(m).as(c + " " + lang).isNotBlank().doesNotContain(c.name());
            }
        }
        assertThat(KeyBridgeException.userMessage(ErrorCode.SIGNATURE_INVALID, Locale.forLanguageTag("zh-CN")))
                .isNotEqualTo(KeyBridgeException.userMessage(ErrorCode.SIGNATURE_INVALID, Locale.ENGLISH));
    }
}
