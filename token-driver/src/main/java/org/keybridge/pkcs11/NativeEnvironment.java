package org.keybridge.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;

/**
 * Sets environment variables in the running process, for modules that read configuration with getenv() at
 * C_Initialize (SoftHSM2_CONF). Java cannot change its own environment; libc can.
 */
public final class NativeEnvironment {
    private NativeEnvironment() {}

    public static synchronized void apply(Map<String, String> variables) {
        if (variables.isEmpty()) return;
        if (Platform.isWindows()) {
            Function put = NativeLibrary.getInstance("msvcrt").getFunction("_putenv_s");
            variables.forEach((k, v) -> put.invokeInt(new Object[] {k, v}));
            return;
        }
        Function setenv = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv");
        variables.forEach((k, v) -> {
            if (setenv.invokeInt(new Object[] {k, v, 1}) != 0) throw new IllegalStateException("setenv " + k + " failed");
        });
    }
}
