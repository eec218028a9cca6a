package org.keybridge.skf;

import java.util.Map;
import java.util.Objects;
import org.keybridge.format.Sm2;

/**
 * Which SKF library to load and how to talk to it.
 *
 * @param name short name shown to users
 * @param library path of the shared library
 * @param environment variables set in the process before the library is loaded (the software UKey's SKFSOFT_DIR)
 * @param ulongSize width of the library's ULONG: 4 (GM/T 0016) or 8 (vendor builds using the native long on LP64)
 * @param sm2UserId the SM2 user ID signatures are made with (default 1234567812345678)
 * @param zBy who computes Z and e = SM3(Z‖M): the caller (KeyBridge, with Bouncy Castle) or the token (SKF_DigestInit
 *     with the public key and the ID)
 */
public record SkfModuleSpec(String name, String library, Map<String, String> environment, int ulongSize,
                            String sm2UserId, ZBy zBy) {
    public enum ZBy { CALLER, TOKEN }

    public SkfModuleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (ulongSize == 0) ulongSize = 4;
        if (ulongSize != 4 && ulongSize != 8) throw new IllegalArgumentException("ulongSize must be 4 or 8");
        if (sm2UserId == null || sm2UserId.isEmpty()) sm2UserId = Sm2.DEFAULT_USER_ID;
        if (zBy == null) zBy = ZBy.CALLER;
    }

    public static SkfModuleSpec of(String name, String library, Map<String, String> environment) {
        return new SkfModuleSpec(name, library, environment, 4, null, null);
    }
}
