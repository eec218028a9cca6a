package org.keybridge.token;

/**
 * Asks for the user PIN of one login. Called at most once per login: the driver never retries a PIN by itself.
 * Implementations are the agent's dialog, the console, or a PIN file for automation.
 */
@FunctionalInterface
public interface PinSource {
    /** The PIN, or null when the user cancels (PIN_CANCELLED). The driver wipes the array after use. */
    char[] pinFor(PinRequest request);
}
