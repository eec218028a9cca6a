package org.keybridge.portal.session;

import java.time.Instant;

/**
 * Who a browser session is logged in as.
 *
 * @param accountId the account
 * @param method password or certificate
 * @param passwordChangePending true after a password login with the initial password, until it is changed: such a
 *     session may change the password and nothing else
 * @param since when the login happened
 */
public record SessionLogin(long accountId, LoginMethod method, boolean passwordChangePending, Instant since) {}
