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

    /** An EC key on sm2p256v1, whatever class parsed it (the JDK has no SM2 curve; Bouncy Castle's does). */
    public static boolean isSm2Key(java.security.PublicKey key) {
        if (key == null || !"EC".equals(key.getAlgorithm()) || key.getEncoded() == null) return false;
        try {
            var params = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
            return params instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid && oid.getId().equals(CURVE_OID);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
