package org.keybridge.pkcs11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** A CK_MECHANISM in native memory, built once and reused for every signature. */
public final class Mechanism {
    private final long type;
    private final Memory struct;
    private final Memory parameter; // kept reachable while the struct points at it

    private Mechanism(long type, Memory parameter) {
        this.type = type;
        this.parameter = parameter;
        long paramAt = Pkcs11Library.align(Pkcs11Library.ULONG, Pkcs11Library.PTR);
        long lenAt = Pkcs11Library.align(paramAt + Pkcs11Library.PTR, Pkcs11Library.ULONG);
        struct = new Memory(lenAt + Pkcs11Library.ULONG + 8);
        struct.clear();
        struct.setNativeLong(0, new NativeLong(type));
        struct.setPointer(paramAt, parameter);
        struct.setNativeLong(lenAt, new NativeLong(parameter == null ? 0 : parameter.size()));
    }

    public static Mechanism of(long type) { return new Mechanism(type, null); }

    /** CKM_*_RSA_PKCS_PSS with CK_RSA_PKCS_PSS_PARAMS {hashAlg, mgf, sLen}. */
    public static Mechanism pss(long type, long hashMechanism, long mgf, long saltLength) {
        int u = Pkcs11Library.ULONG;
        Memory p = new Memory(3L * u);
        p.setNativeLong(0, new NativeLong(hashMechanism));
        p.setNativeLong(u, new NativeLong(mgf));
        p.setNativeLong(2L * u, new NativeLong(saltLength));
        return new Mechanism(type, p);
    }

    public long type() { return type; }

    Pointer pointer() { return struct; }
}
