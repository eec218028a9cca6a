package org.keybridge.portal.challenge;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A login challenge nonce as sent to the browser: standard base64 (RFC 4648 section 4, with
 * padding) of at least 32 random bytes, 44 to 128 characters, as Web eID expects.
 *
 * <p>Rejection messages start with a stable code (NONCE_MISSING, NONCE_TOO_SHORT,
 * NONCE_TOO_LONG, NONCE_NOT_BASE64) so that callers can map them to protocol errors.
 */
public record ChallengeNonce(String value) {

    public static final int RANDOM_BYTES = 32;
    public static final int MIN_LENGTH = 44; // base64 of 32 bytes
    public static final int MAX_LENGTH = 128;

    public ChallengeNonce {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("NONCE_MISSING: challenge nonce is missing");
        }
        if (value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("NONCE_TOO_SHORT: challenge nonce has " + value.length()
                    + " characters, at least " + MIN_LENGTH + " are required");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("NONCE_TOO_LONG: challenge nonce has " + value.length()
                    + " characters, at most " + MAX_LENGTH + " are allowed");
        }
        requireStandardBase64(value);
    }

    /** 32 fresh random bytes, base64: always 44 characters. */
    public static ChallengeNonce generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ChallengeNonce(Base64.getEncoder().encodeToString(bytes));
    }

    public static ChallengeNonce of(String value) {
        return new ChallengeNonce(value);
    }

    /** The decoded nonce bytes. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(value);
    }

    /**
     * Alphabet A-Z a-z 0-9 + /, '=' only as one or two trailing pad characters, length a
     * multiple of 4. Checked by hand because Base64.getDecoder() also accepts a missing pad.
     */
    private static void requireStandardBase64(String value) {
        if (value.length() % 4 != 0) {
            throw notBase64("length " + value.length() + " is not a multiple of 4");
        }
        int padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
        for (int i = 0; i < value.length() - padding; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                throw notBase64("character " + (i + 1) + " is not in the standard base64 alphabet");
            }
        }
    }

    private static IllegalArgumentException notBase64(String why) {
        return new IllegalArgumentException("NONCE_NOT_BASE64: challenge nonce is not standard base64: " + why);
    }
}
