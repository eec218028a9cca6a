package org.keybridge.pcsc;

import jnasmartcardio.Smartcardio;
import org.keybridge.error.ErrorCode;
import org.keybridge.error.KeyBridgeException;

/** PC/SC return codes to KeyBridge's error codes. */
final class PcscErrors {
    private PcscErrors() {}

    /** No daemon, the daemon stopped, or its socket broke (what pcsc-lite answers when pcscd is killed mid-call). */
    static final int SCARD_E_NO_SERVICE = 0x8010001D, SCARD_E_SERVICE_STOPPED = 0x8010001E, SCARD_F_COMM_ERROR = 0x80100013;

    static KeyBridgeException map(Exception e, String doing) {
        long code = e instanceof Smartcardio.JnaPCSCException p ? p.code : 0;
        int c = (int) code;
        ErrorCode ec = c == SCARD_E_NO_SERVICE || c == SCARD_E_SERVICE_STOPPED || c == SCARD_F_COMM_ERROR ? ErrorCode.PCSC_UNAVAILABLE : ErrorCode.TOKEN_ERROR;
        return new KeyBridgeException(ec, doing + ": " + e.getMessage(), e);
    }
}
