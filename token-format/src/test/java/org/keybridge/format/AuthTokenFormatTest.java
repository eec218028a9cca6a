package org.keybridge.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTokenFormatTest {
    static final String NONCE = "12345678901234567890123456789012345678901234";

    @Test
    void signedDataIsHashOfOriginThenHashOfNonceString() throws Exception {
        byte[] d = AuthTokenFormat.signedData(SignatureAlgorithm.ES384, "https://portal.example", NONCE);
        MessageDigest h = MessageDigest.getInstance("SHA-384");
        assertThat(d).hasSize(96);
        assertThat(Arrays.copyOfRange(d, 0, 48)).isEqualTo(h.digest("https://portal.example".getBytes(StandardCharsets.UTF_8)));
        assertThat(Arrays.copyOfRange(d, 48, 96)).isEqualTo(h.digest(NONCE.getBytes(StandardCharsets.UTF_8)));
        assertThat(AuthTokenFormat.signedData(SignatureAlgorithm.RS256, "https://a.example", NONCE))
                .isNotEqualTo(AuthTokenFormat.signedData(SignatureAlgorithm.RS256, "https://b.example", NONCE));
    }

    @Test
    void nonceLengthAndAlphabetAreChecked() {
        assertThat(AuthTokenFormat.requireValidNonce(NONCE)).isEqualTo(NONCE);
        assertThat(AuthTokenFormat.requireValidNonce("A".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> AuthTokenFormat.requireValidNonce("A".repeat(43))).hasMessageContaining("shorter");
        assertThatThrownBy(() -> AuthTokenFormat.requireValidNonce("A".repeat(129))).hasMessageContaining("longer");
        assertThatThrownBy(() -> AuthTokenFormat.requireValidNonce("A".repeat(43) + "!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> AuthTokenFormat.requireValidNonce(null)).hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://portal.example", "https://portal.example:8443", "https://xn--fiqs8s.example"})
    void httpsOriginsAreAccepted(String origin) {
        assertThat(AuthTokenFormat.requireValidOrigin(origin, false)).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://portal.example/", "https://portal.example/login", "https://portal.example?x=1",
        "https://user@portal.example", "http://portal.example", "null", "", "portal.example", "https://Portal.example",
        "http://localhost:8080", "file:///etc/passwd", "https://portal.example#x"})
    void otherOriginsAreRefused(String origin) {
        assertThatThrownBy(() -> AuthTokenFormat.requireValidOrigin(origin, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loopbackHttpOnlyInDevelopmentMode() {
        assertThat(AuthTokenFormat.requireValidOrigin("http://localhost:8080", true)).isEqualTo("http://localhost:8080");
        assertThat(AuthTokenFormat.requireValidOrigin("http://127.0.0.1:9", true)).isEqualTo("http://127.0.0.1:9");
        assertThatThrownBy(() -> AuthTokenFormat.requireValidOrigin("http://evil.example", true)).isInstanceOf(IllegalArgumentException.class);
    }
}
