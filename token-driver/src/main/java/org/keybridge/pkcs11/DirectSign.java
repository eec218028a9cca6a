package org.keybridge.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of C_SignInit and C_Sign, the two calls of every signature: a direct-mapped call costs a
 * fraction of JNA's generic {@code Function.invoke} (measured: 0.9–1.4 µs per generic call), which is a few percent
 * of a fast token's signature. JNA binds a class to one library, so only the first module that qualifies uses it:
 * LP64 (CK_ULONG is a Java long), and its exported C_SignInit/C_Sign are the very functions of its function list.
 * Every other module keeps the generic path.
 */
final class DirectSign {
    private DirectSign() {}

    private static String boundTo;

    static native long C_SignInit(long session, Pointer mechanism, long key);

    static native long C_Sign(long session, Pointer data, long dataLength, Pointer signature, Pointer signatureLength);

    /** Binds to {@code lib} if nothing is bound yet and the exports match the function list; true if bound to it. */
    static synchronized boolean bind(NativeLibrary lib, Function signInit, Function sign) {
        if (boundTo != null) return boundTo.equals(lib.getFile() == null ? lib.getName() : lib.getFile().getPath());
        if (Native.LONG_SIZE != 8 || Platform.isWindows() || signInit == null || sign == null) return false;
        try {
            if (Pointer.nativeValue(lib.getFunction("C_SignInit")) != Pointer.nativeValue(signInit)
                    || Pointer.nativeValue(lib.getFunction("C_Sign")) != Pointer.nativeValue(sign)) {
                return false;
            }
            Native.register(DirectSign.class, lib);
            boundTo = lib.getFile() == null ? lib.getName() : lib.getFile().getPath();
            return true;
        } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
            return false; // the module exports nothing but C_GetFunctionList: generic path
        }
    }
}
