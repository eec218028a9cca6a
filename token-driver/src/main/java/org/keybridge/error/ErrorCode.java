package org.keybridge.error;

/**
 * The stable error codes shared by the CLI, both transports, the extension and the JS client. Names never change;
 * new codes are added at the end of a group. Each has a user message in zh-CN, en and es (messages*.properties).
 */
public enum ErrorCode {
    // the key and its module
    NO_TOKEN, TOKEN_REMOVED, MODULE_LOAD_FAILED, TOKEN_ERROR, PCSC_UNAVAILABLE,
    // the PIN
    PIN_INCORRECT, PIN_LOCKED, PIN_CANCELLED, PIN_EXPIRED,
    // certificates and keys
    NO_CERTIFICATE, NO_PRIVATE_KEY, CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID, UNSUPPORTED_MECHANISM,
    // requests and the channel (used by the agent)
    ORIGIN_NOT_ALLOWED, BAD_REQUEST, BUSY, USER_TIMEOUT, NATIVE_UNAVAILABLE, VERSION_MISMATCH,
    // configuration
    CONFIG_INVALID,
    // the catalog, signed updates and driver bundles (native-config's ConfigCode names the same)
    CATALOG_INVALID, CATALOG_VERSION_UNSUPPORTED, SIGNATURE_MISSING, SIGNATURE_INVALID, UPDATE_ROLLBACK,
    BUNDLE_INVALID, BUNDLE_UNSAFE_PATH, DRIVER_TEST_FAILED, DRIVER_NOT_INSTALLED;

    /** Process exit status for the CLI: 1 for every operation failure (2 is reserved for usage errors). */
    public int exitStatus() { return 1; }
}
