package org.keybridge.token;

import java.util.List;

/**
 * An initialized token in a slot, and its certificates.
 *
 * @param module name of its PKCS#11 module
 * @param slotId the slot it is in (not stable across insertions for every module; the serial is)
 * @param pinState user-PIN counters (COUNT_LOW, FINAL_TRY, LOCKED, TO_BE_CHANGED)
 * @param protectedAuthenticationPath the PIN is entered on the device itself (PIN pad)
 */
public record Token(String module, long slotId, String label, String manufacturer, String model, String serialNumber,
                    PinState pinState, boolean loginRequired, boolean protectedAuthenticationPath,
                    boolean writeProtected, long minPinLength, long maxPinLength, List<TokenCertificate> certificates) {
    public Token {
        certificates = List.copyOf(certificates);
    }
}
