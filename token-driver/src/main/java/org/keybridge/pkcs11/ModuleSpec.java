package org.keybridge.pkcs11;

import java.util.Map;
import java.util.Objects;

/**
 * Which PKCS#11 module to load and the environment it reads at C_Initialize (SoftHSM's SOFTHSM2_CONF, for one).
 *
 * @param name short name shown to users and used in SunPKCS11 provider names
 * @param library path of the shared library
 * @param environment variables set in the process (libc setenv) before the module initializes
 */
public record ModuleSpec(String name, String library, Map<String, String> environment) {
    public ModuleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static ModuleSpec of(String name, String library) { return new ModuleSpec(name, library, Map.of()); }
}
