package org.keybridge.pkcs11;

import java.util.Map;
import java.util.Objects;

/**
 * Which PKCS#11 module to load and the environment it reads at C_Initialize (SoftHSM's SOFTHSM2_CONF, for one).
 *
 * @param name short name shown to users and used in SunPKCS11 provider names
 * @param library path of the shared library
 * @param environment variables set in the process (libc setenv) before the module initializes
 * @param sm2Mechanisms the vendor's SM2 mechanism numbers by name ({@code CKM_SM2_SIGN_NO_DER}, {@code CKM_SM2_SIGN},
 *     {@code CKM_SM3_SM2}; PKCS#11 has no standard SM2 numbers), empty when the module has no SM2
 * @param sm2UserId the SM2 user ID (default 1234567812345678); a token computing Z itself (CKM_SM3_SM2) uses its own
 */
public record ModuleSpec(String name, String library, Map<String, String> environment, Map<String, Long> sm2Mechanisms,
                         String sm2UserId) {
    public ModuleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        sm2Mechanisms = sm2Mechanisms == null ? Map.of() : Map.copyOf(sm2Mechanisms);
        if (sm2UserId == null || sm2UserId.isEmpty()) sm2UserId = org.keybridge.format.Sm2.DEFAULT_USER_ID;
    }

    public ModuleSpec(String name, String library, Map<String, String> environment) {
        this(name, library, environment, null, null);
    }

    public static ModuleSpec of(String name, String library) { return new ModuleSpec(name, library, Map.of()); }
}
