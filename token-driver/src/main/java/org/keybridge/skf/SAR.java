package org.keybridge.skf;

import java.util.Map;

/** SKF return values (GM/T 0016-2012, SAR_*) that KeyBridge tells apart, and their names for messages. */
public final class SAR {
    private SAR() {}

    public static final int OK = 0x00000000, FAIL = 0x0A000001, NOTSUPPORTYETERR = 0x0A000003,
            INVALIDHANDLEERR = 0x0A000005, INVALIDPARAMERR = 0x0A000006, INDATALENERR = 0x0A000010,
            KEYNOTFOUNTERR = 0x0A00001B, CERTNOTFOUNTERR = 0x0A00001C, BUFFER_TOO_SMALL = 0x0A000020,
            DEVICE_REMOVED = 0x0A000023, PIN_INCORRECT = 0x0A000024, PIN_LOCKED = 0x0A000025,
            PIN_INVALID = 0x0A000026, PIN_LEN_RANGE = 0x0A000027, USER_NOT_LOGGED_IN = 0x0A00002D,
            APPLICATION_NOT_EXISTS = 0x0A00002E;

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(OK, "SAR_OK"),
            Map.entry(FAIL, "SAR_FAIL"), Map.entry(0x0A000002, "SAR_UNKNOWNERR"),
            Map.entry(NOTSUPPORTYETERR, "SAR_NOTSUPPORTYETERR"), Map.entry(0x0A000004, "SAR_FILEERR"),
            Map.entry(INVALIDHANDLEERR, "SAR_INVALIDHANDLEERR"), Map.entry(INVALIDPARAMERR, "SAR_INVALIDPARAMERR"),
            Map.entry(0x0A00000C, "SAR_NOTINITIALIZEERR"), Map.entry(0x0A00000F, "SAR_TIMEOUTERR"),
            Map.entry(INDATALENERR, "SAR_INDATALENERR"), Map.entry(0x0A000011, "SAR_INDATAERR"),
            Map.entry(KEYNOTFOUNTERR, "SAR_KEYNOTFOUNTERR"), Map.entry(CERTNOTFOUNTERR, "SAR_CERTNOTFOUNTERR"),
            Map.entry(BUFFER_TOO_SMALL, "SAR_BUFFER_TOO_SMALL"), Map.entry(DEVICE_REMOVED, "SAR_DEVICE_REMOVED"),
            Map.entry(PIN_INCORRECT, "SAR_PIN_INCORRECT"), Map.entry(PIN_LOCKED, "SAR_PIN_LOCKED"),
            Map.entry(PIN_INVALID, "SAR_PIN_INVALID"), Map.entry(PIN_LEN_RANGE, "SAR_PIN_LEN_RANGE"),
            Map.entry(0x0A000028, "SAR_USER_ALREADY_LOGGED_IN"), Map.entry(0x0A000029, "SAR_USER_PIN_NOT_INITIALIZED"),
            Map.entry(0x0A00002A, "SAR_USER_TYPE_INVALID"), Map.entry(0x0A00002B, "SAR_APPLICATION_NAME_INVALID"),
            Map.entry(0x0A00002C, "SAR_APPLICATION_EXISTS"), Map.entry(USER_NOT_LOGGED_IN, "SAR_USER_NOT_LOGGED_IN"),
            Map.entry(APPLICATION_NOT_EXISTS, "SAR_APPLICATION_NOT_EXISTS"));

    public static String name(int rv) {
        String n = NAMES.get(rv);
        return n != null ? n : String.format("0x%08X", rv);
    }
}
