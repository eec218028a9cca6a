package org.keybridge.format;

/** SM2 constants the signer and the verifier must agree on. */
public final class Sm2 {
    private Sm2() {}

    /**
     * The SM2 user ID of the login token: GM/T 0009-2012's default "1234567812345678". Always passed explicitly:
     * old Bouncy Castle versions defaulted to an empty ID, and a token or library may default to anything.
     */
    public static final String DEFAULT_USER_ID = "1234567812345678";

    /** sm2p256v1, the curve of SM2 keys. */
    public static final String CURVE_OID = "1.2.156.10197.1.301";

    /** SM3withSM2. */
    public static final String SIGNATURE_OID = "1.2.156.10197.1.501";

    /** sm2p256v1's field prime and coefficient a (GM/T 0003.5): they tell its keys from the NIST curves'. */
    private static final java.math.BigInteger P = new java.math.BigInteger(
            "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);
    private static final java.math.BigInteger A = P.subtract(java.math.BigInteger.valueOf(3));

    /**
     * An EC key on sm2p256v1, whatever class parsed it (the JDK has no SM2 curve; Bouncy Castle's keys carry it as
     * explicit parameters). Decided on the curve with JDK types only, so that listing RSA and NIST keys loads no Bouncy
     * Castle class.
     */
    public static boolean isSm2Key(java.security.PublicKey key) {
        if (!(key instanceof java.security.interfaces.ECPublicKey ec) || ec.getParams() == null) return false;
        var curve = ec.getParams().getCurve();
        return curve.getField() instanceof java.security.spec.ECFieldFp fp && fp.getP().equals(P) && curve.getA().equals(A);
    }
}
