package org.keybridge.portal.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeNonceTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generatedNonceIs44StandardBase64CharactersOf32Bytes() {
        ChallengeNonce nonce = ChallengeNonce.generate(RANDOM);
        assertThat(nonce.value()).hasSize(44).matches("[A-Za-z0-9+/]{43}=");
        assertThat(Base64.getDecoder().decode(nonce.value())).hasSize(32);
        assertThat(nonce.bytes()).hasSize(32);
        assertThat(ChallengeNonce.of(nonce.value())).isEqualTo(nonce);
    }

    @Test
    void tenThousandDrawsAreAllDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ChallengeNonce.generate(RANDOM).value());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void nonceIsTheBase64OfThirtyTwoBytesFromTheGivenSource() throws Exception {
        // SHA1PRNG seeded before first use is deterministic: a twin yields the expected bytes
        byte[] expected = new byte[32];
        seeded().nextBytes(expected);
        assertThat(ChallengeNonce.generate(seeded()).bytes()).isEqualTo(expected);
    }

    private static SecureRandom seeded() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(new byte[] {1, 2, 3, 4});
        return random;
    }

    @Test
    void longestAndShortestAllowedAreAccepted() {
        String longest = Base64.getEncoder().encodeToString(new byte[96]); // 128 characters
        assertThat(longest).hasSize(128);
        assertThat(ChallengeNonce.of(longest).value()).isEqualTo(longest);
        String unpadded = Base64.getEncoder().encodeToString(new byte[33]); // 44 characters, no '='
        assertThat(ChallengeNonce.of(unpadded).bytes()).hasSize(33);
    }

    @Test
    void tooShortIsRejected() {
        String s = Base64.getEncoder().encodeToString(new byte[30]); // 40 characters
        assertThatThrownBy(() -> ChallengeNonce.of(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("NONCE_TOO_SHORT");
    }

    @Test
    void tooLongIsRejected() {
        String s = Base64.getEncoder().encodeToString(new byte[99]); // 132 characters
        assertThatThrownBy(() -> ChallengeNonce.of(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("NONCE_TOO_LONG");
    }

    @Test
    void missingIsRejected() {
        assertThatThrownBy(() -> ChallengeNonce.of(null)).hasMessageStartingWith("NONCE_MISSING");
        assertThatThrownBy(() -> ChallengeNonce.of("")).hasMessageStartingWith("NONCE_MISSING");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-_", // base64url alphabet
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 43: too short
        "AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAAA", // space
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=A=", // '=' inside
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA===", // three pad characters
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // 45: not a multiple of 4
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAÄ=" // non-ASCII letter
    })
    void nonStandardBase64IsRejected(String s) {
        assertThatThrownBy(() -> ChallengeNonce.of(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("NONCE_(NOT_BASE64|TOO_SHORT).*");
    }
}
