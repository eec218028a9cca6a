package org.keybridge.error;

import org.keybridge.token.PinState;

/** PIN_INCORRECT, PIN_LOCKED, PIN_EXPIRED or PIN_CANCELLED, with the token's PIN state after the attempt. */
public final class PinException extends KeyBridgeException {
    private static final long serialVersionUID = 1L;
    private final transient PinState pinState;
    private final int triesLeft;

    public PinException(ErrorCode code, String detail, PinState pinState) {
        this(code, detail, pinState, -1);
    }

    /** @param triesLeft the tries the token says are left (SKF keys tell the number), or -1 when it does not say */
    public PinException(ErrorCode code, String detail, PinState pinState, int triesLeft) {
        super(code, detail);
        this.pinState = pinState;
        this.triesLeft = triesLeft;
    }

    /** The tries left after this attempt, or -1 when the token does not tell (PKCS#11 only has the flags). */
    public int triesLeft() { return triesLeft; }

    /** The PIN counters the token reported after the attempt (COUNT_LOW, FINAL_TRY, LOCKED, …). */
    public PinState pinState() { return pinState; }
}
