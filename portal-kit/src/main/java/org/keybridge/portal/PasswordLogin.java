package org.keybridge.portal;

import org.keybridge.portal.account.Account;

/**
 * A successful password login.
 *
 * @param account the account
 * @param mustChangePassword true when the account still has its initial password: the page must send the user to
 *     "change password" now; until then the session may do nothing else
 */
public record PasswordLogin(Account account, boolean mustChangePassword) {}
