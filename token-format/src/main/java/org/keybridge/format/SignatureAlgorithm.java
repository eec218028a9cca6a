package org.keybridge.format;

import java.util.Locale;

/**
 * Signature algorithms by their JOSE names, as the login-token format uses them, plus {@code SM2SM3}: SM2 with SM3
 * (GM/T 0003, OID 1.2.156.10197.1.501), which JOSE has no name for. Its signature is raw r‖s (32 + 32 bytes) over
 * the message with the SM2 user ID {@link Sm2#DEFAULT_USER_ID} (Z = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA), e = SM3(Z‖M)).
 */
public enum SignatureAlgorithm {
    RS256(KeyType.RSA, "SHA-256", Padding.PKCS1), RS384(KeyType.RSA, "SHA-384", Padding.PKCS1),
    RS512(KeyType.RSA, "SHA-512", Padding.PKCS1),
    PS256(KeyType.RSA, "SHA-256", Padding.PSS), PS384(KeyType.RSA, "SHA-384", Padding.PSS),
    PS512(KeyType.RSA, "SHA-512", Padding.PSS),
    ES256(KeyType.EC, "SHA-256", Padding.NONE), ES384(KeyType.EC, "SHA-384", Padding.NONE),
    ES512(KeyType.EC, "SHA-512", Padding.NONE),
    SM2SM3(KeyType.SM2, "SM3", Padding.NONE);

    public enum Padding { PKCS1, PSS, NONE }

    private final KeyType keyType;
    private final String hash;
    private final Padding padding;

    SignatureAlgorithm(KeyType keyType, String hash, Padding padding) {
        this.keyType = keyType;
        this.hash = hash;
        this.padding = padding;
    }

    public KeyType keyType() { return keyType; }

    /** Name of the hash (SHA-256, …, SM3); {@link Hashes} computes every one of them, SM3 included. */
    public String hash() { return hash; }

    public int hashLength() { return hash.equals("SM3") ? 32 : Integer.parseInt(hash.substring(4)) / 8; }

    public Padding padding() { return padding; }

    /** Parses "ES256", "es256"; null for an unknown name. */
    public static SignatureAlgorithm byName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The algorithms a key of this type and size can make, strongest-hash last. */
    public static java.util.List<SignatureAlgorithm> forKey(KeyType type) {
        return java.util.Arrays.stream(values()).filter(a -> a.keyType == type).toList();
    }
}
