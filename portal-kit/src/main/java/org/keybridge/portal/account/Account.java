package org.keybridge.portal.account;

import java.time.Instant;

/**
 * A portal account: one enterprise (its USCC) and its administrator.
 *
 * @param id the database id
 * @param username the login name
 * @param uscc the enterprise's Unified Social Credit Code: a bound certificate must carry it
 * @param adminPhone the administrator's mobile number, where reset codes go
 * @param mustChangePassword true while the account still has its initial password
 * @param createdAt when the account was created
 */
public record Account(long id, String username, String uscc, String adminPhone, boolean mustChangePassword,
                      Instant createdAt) {

    /** The phone number with all but the first 3 and last 4 digits hidden, e.g. {@code 138****5678}. */
    public String maskedPhone() {
        return mask(adminPhone);
    }

    static String mask(String phone) {
        if (phone == null || phone.length() <= 7) return "****";
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
