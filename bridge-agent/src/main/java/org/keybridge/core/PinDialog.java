package org.keybridge.core;

import java.util.Locale;
import org.keybridge.token.PinState;
import org.keybridge.token.TokenCertificate;

/**
 * What the agent's PIN dialog shows: the origin, the purpose, the certificate (subject, issuer, validity), the token's
 * PIN counters (warn on COUNT_LOW and FINAL_TRY), in the user's language.
 */
public record PinDialog(String origin, Purpose purpose, TokenCertificate certificate, String tokenLabel,
                        PinState pinState, Locale locale) {}
