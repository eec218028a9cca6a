package org.keybridge.pkcs11;

import java.util.Set;

/** A PKCS#11 call returned something other than CKR_OK. Internal to the driver; callers see {@code KeyBridgeException}. */
public final class Pkcs11Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Return values that mean the token (or our handle to it) is gone: re-initialize before the next call. */
    private static final Set<Long> GONE = Set.of(CK.CKR_DEVICE_REMOVED, CK.CKR_TOKEN_NOT_PRESENT,
            CK.CKR_SESSION_HANDLE_INVALID, CK.CKR_SESSION_CLOSED, CK.CKR_OBJECT_HANDLE_INVALID,
            CK.CKR_KEY_HANDLE_INVALID, CK.CKR_SLOT_ID_INVALID, CK.CKR_TOKEN_NOT_RECOGNIZED,
            CK.CKR_CRYPTOKI_NOT_INITIALIZED, CK.CKR_DEVICE_ERROR);

    private final String function;
    private final long rv;

    public Pkcs11Exception(String function, long rv) {
        super(function + " returned " + CK.rvName(rv));
        this.function = function;
        this.rv = rv;
    }

    public String function() { return function; }

    public long rv() { return rv; }

    /** The token was removed or our handles died with it. */
    public boolean tokenGone() { return GONE.contains(rv); }
}
