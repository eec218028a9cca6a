package org.keybridge.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A token module the agent loads: a PKCS#11 module (the default) or an SKF library (GM/T 0016, {@code "type": "skf"}).
 *
 * @param name short name (shown to users, used in SunPKCS11 provider names)
 * @param library path of the module's shared library
 * @param environment variables the module reads at start (SoftHSM's SOFTHSM2_CONF, the software UKey's SKFSOFT_DIR)
 * @param type {@code pkcs11} (default) or {@code skf}
 * @param ulongSize SKF only: the library's ULONG width, 4 (GM/T 0016, default) or 8 (vendor builds with a native long)
 * @param sm2UserId the SM2 user ID signatures are made with (default 1234567812345678)
 * @param sm2ZBy who computes Z and e = SM3(Z‖M) for SM2: {@code caller} (KeyBridge, default) or {@code token}
 * @param sm2Mechanisms PKCS#11 only: the vendor's SM2 numbers by name, hex ({@code CKK_SM2}, {@code CKM_SM2_SIGN_NO_DER}
 *     raw r‖s over e, {@code CKM_SM2_SIGN} DER over e, {@code CKM_SM3_SM2} the token hashes, DER), as the catalog has them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModuleConfig(String name, String library, Map<String, String> environment, String type, Integer ulongSize,
                           String sm2UserId, String sm2ZBy, Map<String, String> sm2Mechanisms) {
    public static final String PKCS11 = "pkcs11", SKF = "skf";

    public ModuleConfig {
        if (name == null || name.isBlank()) throw new ConfigException("a module needs a name");
        if (library == null || library.isBlank()) throw new ConfigException("module " + name + " needs a library path");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (type != null && !type.equals(PKCS11) && !type.equals(SKF)) {
            throw new ConfigException("module " + name + ": type must be pkcs11 or skf, not " + type);
        }
        if (ulongSize != null && ulongSize != 4 && ulongSize != 8) {
            throw new ConfigException("module " + name + ": ulongSize must be 4 or 8");
        }
        if (sm2ZBy != null && !sm2ZBy.equals("caller") && !sm2ZBy.equals("token")) {
            throw new ConfigException("module " + name + ": sm2ZBy must be caller or token");
        }
        if (sm2Mechanisms != null) {
            for (var e : sm2Mechanisms.entrySet()) {
                if (e.getValue() == null || !e.getValue().matches("0[xX][0-9a-fA-F]{1,16}")) {
                    throw new ConfigException("module " + name + ": sm2Mechanisms." + e.getKey() + " must be hex like 0x80008105");
                }
            }
            sm2Mechanisms = Map.copyOf(sm2Mechanisms);
        }
    }

    /** A PKCS#11 module. */
    public ModuleConfig(String name, String library, Map<String, String> environment) {
        this(name, library, environment, null, null, null, null, null);
    }

    /** An SKF library with the standard's 32-bit ULONG, the default user ID, Z computed by KeyBridge. */
    public static ModuleConfig skf(String name, String library, Map<String, String> environment) {
        return new ModuleConfig(name, library, environment, SKF, null, null, null, null);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSkf() { return SKF.equals(type); }
}
