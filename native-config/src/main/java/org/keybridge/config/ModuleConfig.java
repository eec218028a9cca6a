package org.keybridge.config;

import java.util.Map;

/**
 * A PKCS#11 module the agent loads.
 *
 * @param name short name (shown to users, used in SunPKCS11 provider names)
 * @param library path of the module's shared library
 * @param environment variables the module reads at start (SoftHSM's SOFTHSM2_CONF)
 */
public record ModuleConfig(String name, String library, Map<String, String> environment) {
    public ModuleConfig {
        if (name == null || name.isBlank()) throw new ConfigException("a module needs a name");
        if (library == null || library.isBlank()) throw new ConfigException("module " + name + " needs a library path");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }
}
