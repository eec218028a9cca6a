package org.keybridge.pkcs11;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** The PKCS#11 v2.40 constants KeyBridge uses (names as in pkcs11t.h). */
public final class CK {
    private CK() {}

    // return values
    public static final long CKR_OK = 0x0, CKR_CANCEL = 0x1, CKR_HOST_MEMORY = 0x2, CKR_SLOT_ID_INVALID = 0x3,
            CKR_GENERAL_ERROR = 0x5, CKR_FUNCTION_FAILED = 0x6, CKR_ARGUMENTS_BAD = 0x7,
            CKR_ATTRIBUTE_SENSITIVE = 0x11, CKR_ATTRIBUTE_TYPE_INVALID = 0x12, CKR_ATTRIBUTE_VALUE_INVALID = 0x13,
            CKR_DATA_INVALID = 0x20, CKR_DATA_LEN_RANGE = 0x21, CKR_DEVICE_ERROR = 0x30, CKR_DEVICE_MEMORY = 0x31,
            CKR_DEVICE_REMOVED = 0x32, CKR_FUNCTION_CANCELED = 0x50, CKR_FUNCTION_NOT_SUPPORTED = 0x54,
            CKR_KEY_HANDLE_INVALID = 0x60, CKR_KEY_SIZE_RANGE = 0x62, CKR_KEY_TYPE_INCONSISTENT = 0x63,
            CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68, CKR_MECHANISM_INVALID = 0x70, CKR_MECHANISM_PARAM_INVALID = 0x71,
            CKR_OBJECT_HANDLE_INVALID = 0x82, CKR_OPERATION_ACTIVE = 0x90, CKR_OPERATION_NOT_INITIALIZED = 0x91,
            CKR_PIN_INCORRECT = 0xA0, CKR_PIN_INVALID = 0xA1, CKR_PIN_LEN_RANGE = 0xA2, CKR_PIN_EXPIRED = 0xA3,
            CKR_PIN_LOCKED = 0xA4, CKR_SESSION_CLOSED = 0xB0, CKR_SESSION_COUNT = 0xB1,
            CKR_SESSION_HANDLE_INVALID = 0xB3, CKR_SESSION_READ_ONLY = 0xB5, CKR_SESSION_EXISTS = 0xB6,
            CKR_SIGNATURE_INVALID = 0xC0, CKR_TEMPLATE_INCOMPLETE = 0xD0, CKR_TEMPLATE_INCONSISTENT = 0xD1,
            CKR_TOKEN_NOT_PRESENT = 0xE0, CKR_TOKEN_NOT_RECOGNIZED = 0xE1, CKR_TOKEN_WRITE_PROTECTED = 0xE2,
            CKR_USER_ALREADY_LOGGED_IN = 0x100, CKR_USER_NOT_LOGGED_IN = 0x101, CKR_USER_PIN_NOT_INITIALIZED = 0x102,
            CKR_USER_TYPE_INVALID = 0x103, CKR_BUFFER_TOO_SMALL = 0x150, CKR_CRYPTOKI_NOT_INITIALIZED = 0x190,
            CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191, CKR_FUNCTION_REJECTED = 0x200;

    // token flags (CK_TOKEN_INFO.flags)
    public static final long CKF_RNG = 0x1, CKF_WRITE_PROTECTED = 0x2, CKF_LOGIN_REQUIRED = 0x4,
            CKF_USER_PIN_INITIALIZED = 0x8, CKF_PROTECTED_AUTHENTICATION_PATH = 0x100, CKF_TOKEN_INITIALIZED = 0x400,
            CKF_USER_PIN_COUNT_LOW = 0x10000, CKF_USER_PIN_FINAL_TRY = 0x20000, CKF_USER_PIN_LOCKED = 0x40000,
            CKF_USER_PIN_TO_BE_CHANGED = 0x80000;
    // slot flags
    public static final long CKF_TOKEN_PRESENT = 0x1, CKF_REMOVABLE_DEVICE = 0x2, CKF_HW_SLOT = 0x4;
    // session flags, initialize flags
    public static final long CKF_RW_SESSION = 0x2, CKF_SERIAL_SESSION = 0x4, CKF_OS_LOCKING_OK = 0x2;

    public static final long CKU_SO = 0, CKU_USER = 1;

    // object classes, key types, certificate types
    public static final long CKO_CERTIFICATE = 1, CKO_PUBLIC_KEY = 2, CKO_PRIVATE_KEY = 3;
    public static final long CKK_RSA = 0x0, CKK_EC = 0x3;
    public static final long CKC_X_509 = 0;

    // attributes
    public static final long CKA_CLASS = 0x0, CKA_TOKEN = 0x1, CKA_PRIVATE = 0x2, CKA_LABEL = 0x3, CKA_VALUE = 0x11,
            CKA_CERTIFICATE_TYPE = 0x80, CKA_ISSUER = 0x81, CKA_SERIAL_NUMBER = 0x82, CKA_KEY_TYPE = 0x100,
            CKA_SUBJECT = 0x101, CKA_ID = 0x102, CKA_SENSITIVE = 0x103, CKA_SIGN = 0x108, CKA_VERIFY = 0x10A,
            CKA_MODULUS = 0x120, CKA_MODULUS_BITS = 0x121, CKA_PUBLIC_EXPONENT = 0x122, CKA_EXTRACTABLE = 0x162,
            CKA_EC_PARAMS = 0x180, CKA_EC_POINT = 0x181;

    // mechanisms
    public static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0, CKM_RSA_PKCS = 0x1, CKM_RSA_PKCS_PSS = 0xD,
            CKM_SHA256_RSA_PKCS = 0x40, CKM_SHA384_RSA_PKCS = 0x41, CKM_SHA512_RSA_PKCS = 0x42,
            CKM_SHA256_RSA_PKCS_PSS = 0x43, CKM_SHA384_RSA_PKCS_PSS = 0x44, CKM_SHA512_RSA_PKCS_PSS = 0x45,
            CKM_SHA256 = 0x250, CKM_SHA384 = 0x260, CKM_SHA512 = 0x270,
            CKM_EC_KEY_PAIR_GEN = 0x1040, CKM_ECDSA = 0x1041, CKM_ECDSA_SHA256 = 0x1044, CKM_ECDSA_SHA384 = 0x1045,
            CKM_ECDSA_SHA512 = 0x1046;
    public static final long CKG_MGF1_SHA256 = 0x2, CKG_MGF1_SHA384 = 0x3, CKG_MGF1_SHA512 = 0x4;

    private static final Map<Long, String> RV_NAMES = new HashMap<>();
    static {
        for (Field f : CK.class.getFields()) {
            if (f.getName().startsWith("CKR_") && Modifier.isStatic(f.getModifiers())) {
                try {
                    RV_NAMES.put(f.getLong(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** "CKR_PIN_INCORRECT" for 0xA0, "CKR_0x…" for a code this class does not name. */
    public static String rvName(long rv) {
        return RV_NAMES.getOrDefault(rv, String.format("CKR_0x%X", rv));
    }
}
