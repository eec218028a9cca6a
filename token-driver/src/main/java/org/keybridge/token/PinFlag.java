package org.keybridge.token;

/** The user-PIN counters a PKCS#11 token reports in its flags. */
public enum PinFlag {
    /** A wrong PIN was entered since the last correct one (CKF_USER_PIN_COUNT_LOW). */
    COUNT_LOW,
    /** One more wrong PIN locks the token (CKF_USER_PIN_FINAL_TRY). */
    FINAL_TRY,
    /** The user PIN is locked (CKF_USER_PIN_LOCKED); no login is attempted. */
    LOCKED,
    /** The PIN must be changed before use (CKF_USER_PIN_TO_BE_CHANGED). */
    TO_BE_CHANGED
}
