package org.keybridge.core;

import java.util.Optional;

/**
 * The agent's own conversation with the user: never the web page's. Implementations: the Swing dialog, the console,
 * and a PIN file for automation and tests (never the default).
 */
public interface UserInteraction {
    /** The id of the certificate the user picked, or empty when cancelled (PIN_CANCELLED). */
    Optional<String> chooseCertificate(CertificateChoice choice);

    /** The PIN, or null when cancelled. Asked at most once per operation; the caller wipes it. */
    char[] askPin(PinDialog dialog);
}
