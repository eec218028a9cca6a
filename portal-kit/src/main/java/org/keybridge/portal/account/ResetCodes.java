package org.keybridge.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Password-reset codes: 6 random digits, valid {@link #LIFETIME} (10 minutes), single use, at most
 * {@link #ATTEMPTS} wrong tries, at most one sent per {@link #RESEND_INTERVAL} (1 minute) per account. Only
 * SHA-256(salt ‖ code) is stored: with a million possible codes that hides nothing from someone who reads the
 * database, which is why the tries are counted and the lifetime is short.
 */
public final class ResetCodes {
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final int ATTEMPTS = 5;
    public static final int DIGITS = 6;

    private final SecureRandom random;

    public ResetCodes(SecureRandom random) {
        this.random = random;
    }

    /** A fresh code (6 digits, leading zeros kept). */
    public String newCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    /** A stored row for {@code code}, sent at {@code now}. */
    public AccountStore.ResetRow row(long accountId, String code, Instant now) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new AccountStore.ResetRow(accountId, digest(saltHex, code), saltHex, now, now.plus(LIFETIME), ATTEMPTS);
    }

    /** Whether {@code code} is the one {@code row} was made for (constant time). */
    public static boolean matches(AccountStore.ResetRow row, String code) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(ch -> ch >= '0' && ch <= '9')) return false;
        return MessageDigest.isEqual(digest(row.saltHex(), code).getBytes(StandardCharsets.US_ASCII),
                row.codeSha256().getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String saltHex, String code) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(HexFormat.of().parseHex(saltHex));
            return HexFormat.of().formatHex(d.digest(code.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
