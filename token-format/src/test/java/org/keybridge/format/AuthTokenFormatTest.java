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
    void sm3HashMatchesThePublishedExampleOfGbT32905() {
        // GB/T 32905-2016 example 1: SM3("abc")
        assertThat(java.util.HexFormat.of().formatHex(Hashes.digest("SM3", "abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void sm2SignedDataIsSm3OfOriginThenSm3OfNonce() {
        byte[] d = AuthTokenFormat.signedData(SignatureAlgorithm.SM2SM3, "https://portal.example", NONCE);
        assertThat(d).hasSize(64);
        assertThat(Arrays.copyOfRange(d, 0, 32)).isEqualTo(Hashes.digest("SM3", "https://portal.example".getBytes(StandardCharsets.UTF_8)));
        assertThat(Arrays.copyOfRange(d, 32, 64)).isEqualTo(Hashes.digest("SM3", NONCE.getBytes(StandardCharsets.UTF_8)));
        assertThat(SignatureAlgorithm.byName("SM2SM3").keyType()).isEqualTo(KeyType.SM2);
        assertThat(SignatureAlgorithm.SM2SM3.hashLength()).isEqualTo(32);
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
