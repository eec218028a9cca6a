package org.keybridge.portal.password;

import java.util.Locale;
import java.util.Set;
import org.keybridge.portal.account.PasswordTooWeakException;

/**
 * What a new password must be: 8 to 128 characters, at least two of letters, digits and other characters, not the
 * user name, not the initial password, not the one it replaces, and not one of a few passwords every attacker
 * tries first.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8, MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("12345678", "123456789", "1234567890", "password", "password1",
            "qwertyuiop", "11111111", "88888888", "00000000", "abc12345", "a1234567", "12345678a", "iloveyou1", "admin123");

    private PasswordPolicy() {}

    /**
     * @param initialPassword the password accounts are created with (e.g. 123456), or null
     * @param oldPassword the password being replaced, or null (reset by SMS code)
     */
    public static void check(String username, String newPassword, String initialPassword, String oldPassword)
            throws PasswordTooWeakException {
        if (newPassword == null || newPassword.length() < MIN_LENGTH) {
            throw new PasswordTooWeakException("password must have at least " + MIN_LENGTH + " characters");
        }
        if (newPassword.length() > MAX_LENGTH) {
            throw new PasswordTooWeakException("password must have at most " + MAX_LENGTH + " characters");
        }
        int kinds = 0;
        if (newPassword.chars().anyMatch(Character::isLetter)) kinds++;
        if (newPassword.chars().anyMatch(Character::isDigit)) kinds++;
        if (newPassword.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) kinds++;
        if (kinds < 2) {
            throw new PasswordTooWeakException("password must mix at least two of letters, digits and other characters");
        }
        String lower = newPassword.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw new PasswordTooWeakException("password must not contain the user name");
        }
        if (newPassword.equals(initialPassword) || newPassword.equals(oldPassword)) {
            throw new PasswordTooWeakException("password must differ from the initial and the previous password");
        }
        if (COMMON.contains(lower)) throw new PasswordTooWeakException("password is one of the most common passwords");
    }
}
