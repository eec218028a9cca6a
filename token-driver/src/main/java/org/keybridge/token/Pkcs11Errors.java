package org.keybridge.token;

import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;
import org.keybridge.pkcs11.CK;
import org.keybridge.pkcs11.Pkcs11Exception;

/** Maps PKCS#11 return values onto KeyBridge's stable codes. PIN codes are handled where the PIN is used. */
final class Pkcs11Errors {
    private Pkcs11Errors() {}

    static KeyBridgeException map(Pkcs11Exception e, String what) {
        String detail = what + ": " + e.getMessage();
        if (e.tokenGone()) return new KeyBridgeException(ErrorCode.TOKEN_REMOVED, detail, e);
        long rv = e.rv();
        if (rv == CK.CKR_MECHANISM_INVALID || rv == CK.CKR_MECHANISM_PARAM_INVALID
                || rv == CK.CKR_KEY_TYPE_INCONSISTENT || rv == CK.CKR_KEY_FUNCTION_NOT_PERMITTED
                || rv == CK.CKR_KEY_SIZE_RANGE || rv == CK.CKR_DATA_LEN_RANGE) {
            return new KeyBridgeException(ErrorCode.UNSUPPORTED_MECHANISM, detail, e);
        }
        return new KeyBridgeException(ErrorCode.TOKEN_ERROR, detail, e);
    }
}
