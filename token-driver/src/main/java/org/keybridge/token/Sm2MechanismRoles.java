package org.keybridge.token;

import java.util.HashMap;
import java.util.Map;

/**
 * The three ways token-driver signs SM2 through a vendor PKCS#11 module, named by the mechanism names it looks for,
 * and the other spellings vendors (and the catalog, which records their headers' names) use for the same thing.
 * PKCS#11 has no SM2 numbers, so a module's map is names to vendor numbers; only the role matters here.
 */
public final class Sm2MechanismRoles {
    /** Signs the 32-byte e = SM3(Z‖M) computed by KeyBridge; raw r‖s back. */
    public static final String SIGN_E_RAW = "CKM_SM2_SIGN_NO_DER";
    /** Signs e; DER back (a raw r‖s is accepted too: vendors do not document the encoding). */
    public static final String SIGN_E_DER = "CKM_SM2_SIGN";
    /** Hashes the message itself (SM3 with its own ID) and signs; DER back (raw accepted too). */
    public static final String SIGN_MESSAGE = "CKM_SM3_SM2";

    /** Vendor spellings (shared/research/china-ca.md) → role. */
    private static final Map<String, String> ALIASES = Map.of(
            "CKM_SM2_SIGN_VERIFY", SIGN_E_DER,          // Haitai (0x00010002): SM2 over a prehashed value
            "CKM_VENDOR_SM2", SIGN_E_DER,               // xipki's neutral name for the same
            "CKM_SM2_SM3_SIGN_VERIFY", SIGN_MESSAGE,    // Haitai (0x00010004): SM3 then SM2 on the token
            "CKM_SM3_SM2_APPID1_DER", SIGN_MESSAGE,     // Sansec family: the token hashes with ID 1234567812345678
            "CKM_VENDOR_SM2_SM3", SIGN_MESSAGE);        // xipki's neutral name for the same

    private Sm2MechanismRoles() {}

    /** The role a mechanism name plays, or null (CKK_SM2, CKM_SM3 and other names play none). */
    public static String roleOf(String name) {
        if (name.equals(SIGN_E_RAW) || name.equals(SIGN_E_DER) || name.equals(SIGN_MESSAGE)) return name;
        return ALIASES.get(name);
    }

    /**
     * The map with every aliased name also under its role's name. A role given by its own name wins over an alias;
     * of two aliases for one role the alphabetically first wins, so the result does not depend on map order.
     */
    public static Map<String, Long> byRole(Map<String, Long> named) {
        Map<String, Long> out = new HashMap<>(named);
        named.keySet().stream().sorted().forEach(name -> {
            String role = roleOf(name);
            if (role != null && !role.equals(name)) out.putIfAbsent(role, named.get(name));
        });
        return Map.copyOf(out);
    }
}
