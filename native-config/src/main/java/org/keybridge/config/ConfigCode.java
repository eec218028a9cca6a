package org.keybridge.config;

/**
 * Why native-config refused something. Every name is also an {@code org.keybridge.error.ErrorCode} (native-config
 * sits below token-driver, so it names the codes here; a bridge-agent test checks that the two lists agree).
 */
public enum ConfigCode {
    /** the configuration file is unreadable or wrong */
    CONFIG_INVALID,
    /** a catalog or portal list is malformed, breaks the schema, or refers to entries it does not hold */
    CATALOG_INVALID,
    /** a catalog or portal list of a schema version this KeyBridge does not know */
    CATALOG_VERSION_UNSUPPORTED,
    /** an update without its detached signature (FILE.sig) */
    SIGNATURE_MISSING,
    /** a signature that no pinned key made over exactly these bytes (tampered, or signed by someone else) */
    SIGNATURE_INVALID,
    /** an update whose sequence is not above the current one (rollback) */
    UPDATE_ROLLBACK,
    /** a driver bundle that is malformed, for another platform, or whose files do not match its manifest */
    BUNDLE_INVALID,
    /** a driver bundle entry that would be written outside its folder (zip-slip) */
    BUNDLE_UNSAFE_PATH,
    /** a newly installed driver failed its smoke test in a child process (and was rolled back) */
    DRIVER_TEST_FAILED,
    /** no installed driver version for that model, or none to roll back to */
    DRIVER_NOT_INSTALLED
}
