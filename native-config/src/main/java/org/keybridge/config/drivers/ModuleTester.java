package org.keybridge.config.drivers;

import java.nio.file.Path;
import java.util.Map;

/**
 * Smoke-tests a freshly installed PKCS#11 library before KeyBridge switches to it. The implementation must run it in
 * a child process (load, C_Initialize, C_GetInfo, C_GetSlotList, C_Finalize): a broken library may crash.
 */
@FunctionalInterface
public interface ModuleTester {
    Outcome test(Path library, Map<String, String> environment);

    /** {@code detail} says what failed (the step and how), or what the module reported. */
    record Outcome(boolean ok, String detail) {}
}
