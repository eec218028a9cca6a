package org.keybridge.token;

import org.keybridge.format.SignatureAlgorithm;
import org.keybridge.format.KeyType;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A certificate found on a token, with what a user or a portal needs to choose it.
 *
 * @param id stable id: SHA-256 of the DER, lower-case hex
 * @param module name of the PKCS#11 module holding it
 * @param slotId the slot its token was in when listed
 * @param tokenLabel label of the token
 * @param tokenSerial serial number of the token
 * @param objectId CKA_ID (hex) shared by the certificate and its key pair
 * @param label CKA_LABEL of the certificate object
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN (RFC 2253)
 * @param serialNumber certificate serial, hex
 * @param keyType RSA or EC
 * @param keySize modulus bits (RSA) or field bits (EC)
 * @param curve P-256, P-384, P-521 for EC keys, null for RSA
 * @param keyUsage keyUsage bits by RFC 5280 name (digitalSignature, …)
 * @param extendedKeyUsage EKU by name (clientAuth, …) or dotted OID
 * @param hasPrivateKey a private or public key object with the same CKA_ID is on the token (private objects may be
 *     hidden until login)
 * @param status VALID, EXPIRING_SOON, EXPIRED or NOT_YET_VALID at listing time
 * @param uscc the Unified Social Credit Code in the subject, or null
 * @param certificate the certificate itself
 */
public record TokenCertificate(String id, String module, long slotId, String tokenLabel, String tokenSerial,
                               String objectId, String label, String subject, String issuer, String serialNumber,
                               Instant notBefore, Instant notAfter, KeyType keyType, int keySize, String curve,
                               List<String> keyUsage, List<String> extendedKeyUsage, boolean hasPrivateKey,
                               CertificateStatus status, String uscc, X509Certificate certificate) {
    public TokenCertificate {
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
    }

    /** The signature algorithms this certificate's key can make. */
    public List<SignatureAlgorithm> signatureAlgorithms() { return SignatureAlgorithm.forKey(keyType); }
}
