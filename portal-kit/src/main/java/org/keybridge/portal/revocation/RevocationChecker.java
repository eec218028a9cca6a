package org.keybridge.portal.revocation;

import java.security.cert.X509Certificate;
import org.keybridge.portal.auth.AuthTokenException;

/**
 * Checks that a certificate is not revoked, after its chain was validated. Configured per validator
 * ({@code AuthTokenValidator.Builder.revocation}); {@link CrlChecker} and {@link OcspChecker} are the two kinds.
 */
public interface RevocationChecker {
    /**
     * @param cert the end-entity certificate
     * @param issuer the CA certificate that issued it (a trusted CA of the validator)
     * @throws CertificateRevokedException it is revoked
     * @throws RevocationUnavailableException its status could not be established and this checker is required
     */
    void check(X509Certificate cert, X509Certificate issuer) throws AuthTokenException;
}
