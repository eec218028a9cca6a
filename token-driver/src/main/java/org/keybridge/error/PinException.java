package org.keybridge.error;

import org.keybridge.token.PinState;

/** PIN_INCORRECT, PIN_LOCKED, PIN_EXPIRED or PIN_CANCELLED, with the token's PIN state after the attempt. */
public final class PinException extends KeyBridgeException {
    private static final long serialVersionUID = 1L;
    private final transient PinState pinState;

    public PinException(ErrorCode code, String detail, PinState pinState) {
        super(code, detail);
        this.pinState = pinState;
    }

    /** The PIN counters the token reported after the attempt (COUNT_LOW, FINAL_TRY, LOCKED, …). */
    public PinState pinState() { return pinState; }
}
