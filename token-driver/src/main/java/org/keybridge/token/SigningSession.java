package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;

/**
 * A logged-in session on one token, signing with the key of one certificate; holds the token until closed (logout).
 * PKCS#11 tokens and SKF keys each have their own implementation.
 */
public interface SigningSession extends AutoCloseable {
    TokenCertificate certificate();

    /** Signs {@code data}; ECDSA and SM2 signatures are raw r‖s. */
    default byte[] sign(SignatureAlgorithm alg, byte[] data) { return sign(alg, data, EcdsaEncoding.RAW); }

    /** Signs {@code data}: the token format's construction for {@code alg} (SM2SM3: e = SM3(Z‖data) with the user ID). */
    byte[] sign(SignatureAlgorithm alg, byte[] data, EcdsaEncoding encoding);

    /** Logs out and frees the token for the next login. */
    @Override
    void close();

    /** r‖s (each half the length) to the DER SEQUENCE { INTEGER r, INTEGER s }. */
    static byte[] rawToDer(byte[] raw) { return DerSignatures.fromRaw(raw); }
}
