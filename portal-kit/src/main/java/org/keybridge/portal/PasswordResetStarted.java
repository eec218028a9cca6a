package org.keybridge.portal;

import java.time.Instant;

/**
 * A reset code was sent.
 *
 * @param maskedPhone where it went, e.g. {@code 138****5678}, for the page to say
 * @param expiresAt when the code stops working
 */
public record PasswordResetStarted(String maskedPhone, Instant expiresAt) {}
