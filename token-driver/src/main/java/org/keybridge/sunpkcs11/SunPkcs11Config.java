package org.keybridge.sunpkcs11;

import java.util.Map;
import org.keybridge.pkcs11.ModuleSpec;
import org.keybridge.token.Token;

/**
 * A SunPKCS11 provider configuration for one token, for applications that sign through the JCA. SunPKCS11 has no
 * {@code tokenLabel} keyword, so the slot is written by id, as enumerated by the driver; a module's environment cannot
 * be expressed in the file, so it is written as a comment for the caller to set.
 */
public final class SunPkcs11Config {
    private SunPkcs11Config() {}

    public static String forToken(ModuleSpec module, Token token) {
        StringBuilder b = new StringBuilder();
        b.append("# SunPKCS11 configuration made by KeyBridge for token \"").append(token.label())
                .append("\" (serial ").append(token.serialNumber()).append(")\n");
        b.append("# Slot ids can change when a key is re-inserted: make this file again after that.\n");
        for (Map.Entry<String, String> e : module.environment().entrySet()) {
            b.append("# needs in the environment: ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        b.append("name = ").append(providerName(module, token)).append('\n');
        b.append("library = ").append(module.library()).append('\n');
        b.append("slot = ").append(token.slotId()).append('\n');
        return b.toString();
    }

    /** SunPKCS11 prefixes "SunPKCS11-"; keep the name to characters it accepts. */
    static String providerName(ModuleSpec module, Token token) {
        String raw = "KeyBridge-" + module.name() + "-" + (token.serialNumber().isBlank() ? token.slotId() : token.serialNumber());
        return raw.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
