package org.keybridge.skf;

import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** Maps SKF return values onto KeyBridge's stable codes. PIN codes are handled where the PIN is used. */
final class SkfErrors {
    private SkfErrors() {}

    static KeyBridgeException map(SkfException e, String what) {
        String detail = what + ": " + e.getMessage();
        if (e.deviceGone()) return new KeyBridgeException(ErrorCode.TOKEN_REMOVED, detail, e);
        if (e.rv() == SAR.KEYNOTFOUNTERR) return new KeyBridgeException(ErrorCode.NO_PRIVATE_KEY, detail, e);
        if (e.rv() == SAR.NOTSUPPORTYETERR) return new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, detail, e);
        return new KeyBridgeException(ErrorCode.TOKEN_ERROR, detail, e);
    }
}
